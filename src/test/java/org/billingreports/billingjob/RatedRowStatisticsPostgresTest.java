package org.billingreports.billingjob;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;
import org.billingreports.support.PostgresTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingreports.support.Fixtures.item;

/**
 * A report that grows {@code billing_row} by more than a tenth leaves PostgreSQL's statistics knowing
 * of its rows when the billing file is written (planned from those of the table before, the bench's
 * first 1,000,000-call report sorted its rows on disk to sum them: 1.1 s instead of 0.2 s).
 */
@PostgresTest
class RatedRowStatisticsPostgresTest extends ApiTestSupport {

	@Autowired
	JdbcClient jdbc;

	@Test
	void theRatedRowsAreInTheStatisticsOnceTheCallsAreRated() {
		Fixtures fixtures = new Fixtures(admin());
		String account = unique("stats");
		fixtures.account(account, "UTC", Map.of("outboundVoiceCalls", item("0", "0", "0.01", 0)));
		String customer = account + "-c";
		fixtures.customer(customer, account, null, "C", null, null);
		long rowsBefore = rows();
		int calls = (int) Math.max(rowsBefore / 5, 0) + 500;
		StringBuilder csv = new StringBuilder("callId,customerId,channel,direction,startTime,billableSeconds,status\n");
		for (int i = 0; i < calls; i++) {
			csv.append("call-").append(i).append(',').append(customer).append(",voice,outbound,2026-07-01T10:")
				.append(String.format("%02d:%02d", i / 60 % 60, i % 60)).append("Z,60,completed\n");
		}
		assertThat(fixtures.importCalls(account, csv.toString()).get("imported").asLong()).isEqualTo(calls);

		JsonNode report = fixtures.runReport(Map.of("accountId", account, "startDate", "2026-07-01", "endDate",
				"2026-07-31"));

		assertThat(report.get("status").asString()).as(report.toString()).isEqualTo("Completed");
		assertThat(rows()).isEqualTo(rowsBefore + calls);
		assertThat(this.jdbc.sql("SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass('billing_row')")
			.query(Long.class)
			.single()).as("what the statistics know of billing_row").isEqualTo(rowsBefore + calls);
	}

	private long rows() {
		return this.jdbc.sql("SELECT COUNT(*) FROM billing_row").query(Long.class).single();
	}

}
