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
import static org.billingreports.support.Fixtures.ok;

/**
 * What a report writes that its own queries read next is in PostgreSQL's statistics by then, once it grew
 * its table by more than a tenth. Planned from the statistics of the table before: the bench's first
 * 1,000,000-call report sorted its billing rows on disk to sum them (1.1 s instead of 0.2 s), and its deck
 * job compared every call of a range with every customer a deck prices (10 s instead of 6.3 s).
 */
@PostgresTest
class StatisticsAfterRatingPostgresTest extends ApiTestSupport {

	private static final String HEADER = "callId,customerId,channel,direction,startTime,billableSeconds,status\n";

	@Autowired
	JdbcClient jdbc;

	@Test
	void theRatedRowsAreInTheStatisticsOnceTheCallsAreRated() {
		Fixtures fixtures = new Fixtures(admin());
		String account = unique("stats");
		fixtures.account(account, "UTC", Map.of("outboundVoiceCalls", item("0", "0", "0.01", 0)));
		String customer = account + "-c";
		fixtures.customer(customer, account, null, "C", null, null);
		long rowsBefore = rows("billing_row");
		int calls = (int) (rowsBefore / 5) + 500;
		StringBuilder csv = new StringBuilder(HEADER);
		for (int i = 0; i < calls; i++) {
			csv.append(outbound("call-" + i, customer, i));
		}
		assertThat(fixtures.importCalls(account, csv.toString()).get("imported").asLong()).isEqualTo(calls);

		JsonNode report = fixtures.runReport(Map.of("accountId", account, "startDate", "2026-07-01", "endDate",
				"2026-07-31"));

		assertThat(report.get("status").asString()).as(report.toString()).isEqualTo("Completed");
		assertThat(rows("billing_row")).isEqualTo(rowsBefore + calls);
		assertThat(known("billing_row")).as("what the statistics know of billing_row").isEqualTo(rowsBefore + calls);
	}

	@Test
	void theDecksPinnedForAReportAreInTheStatisticsBeforeItsCallsAreRated() {
		Fixtures fixtures = new Fixtures(admin());
		String account = unique("pins");
		ok(admin().post("/accounts", Map.of("id", account, "name", "Carrier", "timeZoneId", "UTC",
				"defaultCountryCode", "1")));
		String deck = ok(admin().send("POST", "/rate-decks?accountId=" + account + "&name=Retail", "text/csv",
				"prefix,description,connectFee,rate,rateUnitSeconds,firstIncrementSeconds,nextIncrementSeconds,"
						+ "minimumCharge,effectiveFrom,effectiveTo\n1,USA and Canada,0,0.01,60,60,60,0,2026-01-01,"))
			.get("deck")
			.get("id")
			.asString();
		ok(admin().put("/accounts/" + account, Map.of("name", "Carrier", "timeZoneId", "UTC", "defaultCountryCode",
				"1", "rating", Map.of("rateDeckId", deck))));
		long pinsBefore = rows("report_rate_deck_item");
		int customers = (int) (pinsBefore / 5) + 20;
		for (int i = 0; i < customers; i++) {
			fixtures.customer(account + "-c" + i, account, null, "C" + i, null, null);
		}

		JsonNode report = fixtures.runReport(Map.of("accountId", account, "startDate", "2026-07-01", "endDate",
				"2026-07-31"));

		assertThat(report.get("status").asString()).as(report.toString()).isEqualTo("Completed");
		assertThat(rows("report_rate_deck_item")).as("one deck, one item, for every customer")
			.isEqualTo(pinsBefore + customers);
		assertThat(known("report_rate_deck_item")).as("what the statistics know of report_rate_deck_item")
			.isEqualTo(pinsBefore + customers);
	}

	private static String outbound(String callId, String customer, int second) {
		return callId + "," + customer + ",voice,outbound,2026-07-01T10:"
				+ String.format("%02d:%02d", second / 60 % 60, second % 60) + "Z,60,completed\n";
	}

	private long rows(String table) {
		return this.jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
	}

	private long known(String table) {
		return this.jdbc.sql("SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(?)")
			.param(table)
			.query(Long.class)
			.single();
	}

}
