package org.billingreports.operations;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.billingreports.BillingReportsApplication;
import org.billingreports.support.Api;
import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;
import org.billingreports.support.PostgresTestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.billingreports.support.Fixtures.ok;

/**
 * The service as a process of its own on PostgreSQL, killed with SIGKILL in the middle of a large
 * report. Started again, it recovers the report to Error with a message saying so; a restart
 * completes it with the same file as a run that was never interrupted, and no billing row twice.
 */
@ExtendWith(PostgresTestDatabase.class)
class CrashRecoveryPostgresTest {

	private static final int CALLS = 150_000;

	@TempDir
	Path dataDir;

	private PostgresTestDatabase.Schema schema;

	private Process service;

	@AfterEach
	void stop() throws InterruptedException {
		if (this.service != null) {
			this.service.destroyForcibly().waitFor();
		}
		if (this.schema != null) {
			this.schema.close();
		}
	}

	@Test
	void aReportKilledMidStepIsRecoveredAndRestartedToTheSameFile() throws Exception {
		this.schema = PostgresTestDatabase.Schema.create();
		int port = freePort();
		Api api = start(port);
		Fixtures fixtures = new Fixtures(api);
		fixtures.account("acc", "UTC", Map.of("base", Fixtures.item("3", "0", "0", 0), "outboundVoiceCalls",
				Fixtures.item("0", "1.05", "0.012", 100), "inboundVoiceCalls", Fixtures.item("0", "0", "0.007", 0),
				"outboundSmsMessages", Fixtures.item("0", "0", "0.0045", 0)));
		for (int i = 0; i < 5; i++) {
			fixtures.customer("c" + i, "acc", null, "Customer " + i, null, null);
		}
		insertCalls();
		Map<String, Object> request = Map.of("accountId", "acc", "startDate", "2026-07-01", "endDate", "2026-07-31",
				"includeCustomerIds", true);
		String killed = ok(api.post("/reports/billing", request)).get("id").asString();

		// Kill the process once some chunks are committed, well before the last.
		Pattern progress = Pattern.compile("Rated (\\d+) of " + CALLS + " call records");
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20)).until(() -> {
			Matcher matcher = progress.matcher(ok(api.get("/reports/" + killed)).get("statusMessage").asString());
			return matcher.matches() && Long.parseLong(matcher.group(1)) >= 20_000;
		});
		this.service.destroyForcibly().waitFor();

		Api restarted = start(port);
		JsonNode recovered = ok(restarted.get("/reports/" + killed));
		assertThat(recovered.get("status").asString()).as(recovered.toString()).isEqualTo("Error");
		assertThat(recovered.get("statusMessage").asString())
			.isEqualTo("The server crash-node stopped while this ran; restart it");

		ok(restarted.post("/reports/" + killed + "/restart", ""));
		Fixtures again = new Fixtures(restarted);
		assertThat(again.awaitEnd(killed).get("status").asString()).isEqualTo("Completed");
		JsonNode uninterrupted = again.runReport(request);
		assertThat(uninterrupted.get("status").asString()).isEqualTo("Completed");
		assertThat(restarted.get("/reports/" + killed + ".csv").bodyBytes())
			.isEqualTo(restarted.get("/reports/" + uninterrupted.get("id").asString() + ".csv").bodyBytes());
		try (Connection connection = connect(); Statement statement = connection.createStatement();
				var rows = statement.executeQuery("SELECT COUNT(*), COUNT(DISTINCT call_record_id) FROM billing_row "
						+ "WHERE report_id = '" + killed + "'")) {
			rows.next();
			assertThat(rows.getLong(1)).isEqualTo(CALLS);
			assertThat(rows.getLong(2)).isEqualTo(CALLS);
		}
	}

	/** Call records straight into the database: a month of voice and SMS, some not billable. */
	private void insertCalls() throws Exception {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute("INSERT INTO call_record (account_id, call_id, customer_id, channel, direction, "
					+ "start_time, duration_seconds, billable_seconds, status, carrier_cost) "
					+ "SELECT 'acc', 'k' || g, 'c' || (g % 5), CASE WHEN g % 7 = 0 THEN 'sms' ELSE 'voice' END, "
					+ "CASE WHEN g % 3 = 0 THEN 'inbound' ELSE 'outbound' END, "
					+ "TIMESTAMPTZ '2026-07-01 00:00:00+00' + (g % 2678400) * INTERVAL '1 second', g % 900, g % 900, "
					+ "CASE WHEN g % 11 = 0 THEN 'busy' ELSE 'completed' END, (g % 1000) / 100000.0 "
					+ "FROM generate_series(1, " + CALLS + ") g");
		}
	}

	private Connection connect() throws Exception {
		return DriverManager.getConnection(this.schema.url(), System.getenv().getOrDefault("BILLING_TEST_POSTGRES_USER",
				"postgres"), System.getenv().getOrDefault("BILLING_TEST_POSTGRES_PASSWORD", ""));
	}

	/** The service in a JVM of its own, on the test's classpath, until it answers. */
	private Api start(int port) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
			.toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
				BillingReportsApplication.class.getName(), "--spring.profiles.active=test", "--server.port=" + port,
				"--billing.node-name=crash-node", "--billing.data-dir=" + this.dataDir,
				"--billing.jobs.billing-report.chunk-size=500", "--logging.level.root=warn"));
		command.addAll(this.schema.arguments());
		File log = this.dataDir.resolve("service-" + System.nanoTime() + ".log").toFile();
		this.service = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
		Api api = new Api(port).as(ApiTestSupport.ADMIN, ApiTestSupport.ADMIN_PASSWORD);
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
			assertThat(this.service.isAlive()).as(Files.readString(log.toPath())).isTrue();
			return api.get("/reports").status() == 200;
		});
		return api;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
