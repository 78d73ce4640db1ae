package org.billingreports.operations;

import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.billingreports.kernel.ReportVersion;
import org.billingreports.statement.ReportFiles;
import org.billingreports.support.ApiResponse;
import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;
import org.billingreports.support.GatedJobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.billingreports.support.Fixtures.ok;
import static org.billingreports.support.RatingGate.GATE;

/** {@code DELETE /reports/{id}}: a running report is stopped first; then everything of it goes. */
@GatedJobs
class DeleteReportTest extends ApiTestSupport {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ReportFiles files;

	@AfterEach
	void openGate() {
		GATE.releaseAll();
	}

	@Test
	void aRunningReportIsStoppedThenDeleted() throws Exception {
		Fixtures fixtures = new Fixtures(admin());
		String account = unique("del");
		fixtures.account(account, "UTC", Map.of());
		fixtures.customer(account + "-c", account, null, "C", null, null);
		StringBuilder csv = new StringBuilder("callId,customerId,channel,direction,startTime,status\n");
		for (int i = 0; i < 25; i++) {
			csv.append("d").append(i).append(',').append(account).append("-c,sms,inbound,2026-07-01T00:00:00Z,completed\n");
		}
		fixtures.importCalls(account, csv.toString());
		CountDownLatch held = GATE.hold(account + "-c");
		String id = ok(admin().post("/reports/billing", Map.of("accountId", account, "startDate", "2026-07-01",
				"endDate", "2026-07-31"))).get("id").asString();
		assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();

		CompletableFuture<ApiResponse> deletion = CompletableFuture.supplyAsync(() -> admin().delete("/reports/" + id));
		// The job is asked to stop (Spring Batch marks it STOPPED at once); it stops at its chunk boundary,
		// and only then is the report deleted.
		await().untilAsserted(() -> assertThat(this.jdbc
			.sql("SELECT e.status FROM batch_job_execution e JOIN report_execution x "
					+ "ON x.job_execution_id = e.job_execution_id WHERE x.report_id = ?")
			.param(id)
			.query(String.class)
			.optional()).contains("STOPPED"));
		assertThat(deletion).isNotDone();
		assertThat(admin().get("/reports/" + id).status()).isEqualTo(200);
		GATE.release(account + "-c");
		assertThat(deletion.get(30, TimeUnit.SECONDS).status()).isEqualTo(204);

		assertThat(admin().get("/reports/" + id).status()).isEqualTo(404);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM billing_row WHERE report_id = ?").param(id).query(Long.class)
			.single()).isZero();
		assertThat(Files.exists(this.files.file(ReportVersion.first(id)))).isFalse();
		assertThat(admin().delete("/reports/" + id).status()).isEqualTo(404);
	}

	@Test
	void aCompletedReportIsDeletedWithItsFile() {
		Fixtures fixtures = new Fixtures(admin());
		String account = unique("del");
		fixtures.account(account, "UTC", Map.of("base", Fixtures.item("1", "0", "0", 0)));
		fixtures.customer(account + "-c", account, null, "C", null, null);
		String id = fixtures.runReport(Map.of("accountId", account, "startDate", "2026-07-01", "endDate",
				"2026-07-31")).get("id").asString();
		assertThat(Files.exists(this.files.file(ReportVersion.first(id)))).isTrue();
		assertThat(admin().delete("/reports/" + id).status()).isEqualTo(204);
		assertThat(Files.exists(this.files.file(ReportVersion.first(id)))).isFalse();
		assertThat(admin().get("/reports/" + id + ".csv").status()).isEqualTo(404);
	}

}
