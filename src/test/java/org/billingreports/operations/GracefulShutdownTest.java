package org.billingreports.operations;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import org.billingreports.BillingReportsApplication;
import org.billingreports.support.Api;
import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;
import org.billingreports.support.RatingGate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.billingreports.support.Fixtures.ok;
import static org.billingreports.support.RatingGate.GATE;

/**
 * The service is stopped (SIGTERM closes the context) while one report runs and another waits: the
 * running one stops at its chunk boundary, restartable; the waiting one stays queued and runs when
 * the service starts again.
 */
class GracefulShutdownTest {

	@TempDir
	Path dataDir;

	private ConfigurableApplicationContext application;

	@AfterEach
	void stop() {
		GATE.releaseAll();
		if (this.application != null) {
			this.application.close();
		}
	}

	@Test
	void runningReportsStopAtAChunkBoundaryAndQueuedOnesWaitForTheNextStart() throws Exception {
		Api api = start();
		Fixtures fixtures = new Fixtures(api);
		fixtures.account("acc", "UTC", Map.of("base", Fixtures.item("1", "0", "0", 0)));
		fixtures.customer("held", "acc", null, "Held", null, null);
		StringBuilder csv = new StringBuilder("callId,customerId,channel,direction,startTime,status\n");
		for (int i = 0; i < 30; i++) {
			csv.append("s").append(i).append(",held,sms,inbound,2026-07-01T00:00:00Z,completed\n");
		}
		fixtures.importCalls("acc", csv.toString());
		Map<String, Object> request = Map.of("accountId", "acc", "startDate", "2026-07-01", "endDate", "2026-07-31");
		CountDownLatch held = GATE.hold("held");
		String running = ok(api.post("/reports/billing", request)).get("id").asString();
		assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
		String queued = ok(api.post("/reports/billing", request)).get("id").asString();
		assertThat(ok(api.get("/reports/" + queued)).get("status").asString()).isEqualTo("Queued");

		JdbcClient jdbc = this.application.getBean(JdbcClient.class);
		ConfigurableApplicationContext stopping = this.application;
		CompletableFuture<Void> shutdown = CompletableFuture.runAsync(stopping::close);
		// Asked to stop, the running job finishes its chunk, then stops.
		await().untilAsserted(() -> assertThat(status(jdbc, running)).isEqualTo("STOPPED"));
		GATE.release("held");
		shutdown.get(60, TimeUnit.SECONDS);
		this.application = null;
		// Between the two runs, straight from the file: the queued report did not run.
		try (Connection connection = DriverManager.getConnection(url(), "sa", "")) {
			JdbcClient offline = JdbcClient.create(new SingleConnectionDataSource(connection, true));
			assertThat(status(offline, queued)).isEqualTo("STARTING");
			assertThat(status(offline, running)).isEqualTo("STOPPED");
		}

		api = start();
		JsonNode stopped = ok(api.get("/reports/" + running));
		assertThat(stopped.get("status").asString()).isEqualTo("Error");
		assertThat(stopped.get("statusMessage").asString())
			.isEqualTo("The report was stopped before it completed; restart it to finish");
		JsonNode ranAfterStart = new Fixtures(api).awaitEnd(queued);
		assertThat(ranAfterStart.get("status").asString()).isEqualTo("Completed");
		assertThat(ranAfterStart.get("statusMessage").asString()).startsWith("1 customers, 30 calls");

		ok(api.post("/reports/" + running + "/restart", ""));
		assertThat(new Fixtures(api).awaitEnd(running).get("statusMessage").asString())
			.isEqualTo(ranAfterStart.get("statusMessage").asString());
	}

	private static String status(JdbcClient jdbc, String reportId) {
		return jdbc.sql("SELECT e.status FROM batch_job_execution e JOIN report_execution x "
				+ "ON x.job_execution_id = e.job_execution_id WHERE x.report_id = ? ORDER BY e.job_execution_id DESC")
			.param(reportId)
			.query(String.class)
			.list()
			.get(0);
	}

	private String url() {
		return "jdbc:h2:file:" + this.dataDir.resolve("billing")
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE";
	}

	/** Starts the service, with the rating gate, on this test's own H2 file database. */
	private Api start() {
		this.application = new SpringApplicationBuilder(BillingReportsApplication.class, RatingGate.Configuration.class)
			.profiles("test")
			.run("--server.port=0", "--billing.data-dir=" + this.dataDir, "--billing.node-name=graceful",
					"--spring.datasource.url=" + url(), "--spring.datasource.username=sa",
					"--spring.datasource.password=",
					"--billing.executor.threads=1", "--billing.jobs.billing-report.chunk-size=10");
		int port = Integer.parseInt(this.application.getEnvironment().getProperty("local.server.port"));
		return new Api(port).as(ApiTestSupport.ADMIN, ApiTestSupport.ADMIN_PASSWORD);
	}

}
