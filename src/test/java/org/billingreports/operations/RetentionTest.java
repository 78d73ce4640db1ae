package org.billingreports.operations;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.billingreports.billingjob.BillingJob;
import org.billingreports.kernel.ReportVersion;
import org.billingreports.calls.CallImportJob;
import org.billingreports.statement.ReportFiles;
import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/** Reports and imports older than the retention go, with everything of theirs; newer ones stay. */
class RetentionTest extends ApiTestSupport {

	@Autowired
	Retention retention;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	ReportFiles files;

	@Test
	void oldReportsAndImportsAreDeletedWithTheirRowsFilesAndJobHistory() throws Exception {
		Fixtures fixtures = new Fixtures(admin());
		String account = unique("ret");
		fixtures.account(account, "UTC", Map.of("base", Fixtures.item("1", "0", "0", 0)));
		fixtures.customer(account + "-c", account, null, "C", null, null);
		String importId = fixtures.importCalls(account, "callId,customerId,channel,direction,startTime,status\n"
				+ "r1," + account + "-c,sms,inbound,2026-07-01T00:00:00Z,completed\n").get("id").asString();
		Map<String, Object> request = Map.of("accountId", account, "startDate", "2026-07-01", "endDate",
				"2026-07-31", "emailAddressToNotify", "ops@example.com");
		String old = fixtures.runReport(request).get("id").asString();
		String recent = fixtures.runReport(request).get("id").asString();
		OffsetDateTime longAgo = OffsetDateTime.now(ZoneOffset.UTC).minusDays(401);
		this.jdbc.sql("UPDATE billing_report SET created_at = ? WHERE id = ?").params(longAgo, old).update();
		this.jdbc.sql("UPDATE call_import SET created_at = ? WHERE id = ?").params(longAgo, importId).update();
		assertThat(Files.exists(this.files.file(ReportVersion.first(old)))).isTrue();

		this.retention.purge(Instant.now().minus(Duration.ofDays(400)));

		assertThat(admin().get("/reports/" + old).status()).isEqualTo(404);
		assertThat(Files.exists(this.files.file(ReportVersion.first(old)))).isFalse();
		for (String table : new String[] { "billing_row", "billing_line", "notification", "report_execution" }) {
			assertThat(count("SELECT COUNT(*) FROM " + table + " WHERE report_id = ?", old)).as(table).isZero();
		}
		assertThat(this.jobRepository.getJobInstance(BillingJob.NAME, BillingJob.parameters(ReportVersion.first(old))))
			.isNull();
		assertThat(admin().get("/calls/imports/" + importId).status()).isEqualTo(404);
		assertThat(this.jobRepository.getJobInstance(CallImportJob.NAME,
				CallImportJob.parameters(importId))).isNull();
		// The call records themselves stay: a later report still bills them.
		assertThat(count("SELECT COUNT(*) FROM call_record WHERE account_id = ?", account)).isOne();

		JsonNode kept = admin().get("/reports/" + recent).json();
		assertThat(kept.get("status").asString()).isEqualTo("Completed");
		assertThat(Files.exists(this.files.file(ReportVersion.first(recent)))).isTrue();
		assertThat(count("SELECT COUNT(*) FROM billing_row WHERE report_id = ?", recent)).isOne();
	}

	private long count(String sql, String id) {
		return this.jdbc.sql(sql).param(id).query(Long.class).single();
	}

}
