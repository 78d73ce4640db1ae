package org.billingreports.operations;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
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

import org.billingreports.support.Api;
import org.billingreports.support.ApiResponse;
import org.billingreports.support.Fixtures;
import org.billingreports.support.PostgresTestDatabase;
import org.billingreports.support.ServiceProcess;

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

	private ServiceProcess service;

	@AfterEach
	void stop() throws InterruptedException {
		if (this.service != null) {
			this.service.close();
		}
		if (this.schema != null) {
			this.schema.close();
		}
	}

	@Test
	void aReportKilledMidStepIsRecoveredAndRestartedToTheSameFile() throws Exception {
		this.schema = PostgresTestDatabase.Schema.create();
		Api api = start();
		Fixtures fixtures = new Fixtures(api);
		fixtures.accountWithFiveCustomers("acc");
		this.schema.insertCalls("acc", CALLS);
		Map<String, Object> request = Map.of("accountId", "acc", "startDate", "2026-07-01", "endDate", "2026-07-31",
				"includeCustomerIds", true);
		String killed = ok(api.post("/reports/billing", request)).get("id").asString();

		// Kill the process once some chunks are committed, well before the last.
		Pattern progress = Pattern
			.compile("Rated (\\d+) of " + CALLS + " call records(; \\d+ of \\d+ partitions done)?");
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20)).until(() -> {
			Matcher matcher = progress.matcher(ok(api.get("/reports/" + killed)).get("statusMessage").asString());
			return matcher.matches() && Long.parseLong(matcher.group(1)) >= 20_000;
		});
		this.service.kill();

		Api restarted = start();
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
		assertThat(this.schema.billingRows(killed)).isEqualTo(new PostgresTestDatabase.Schema.BillingRows(CALLS, CALLS));
	}

	/**
	 * An import on PostgreSQL copies each chunk into a staging table and merges it: killed while it
	 * copies, then restarted, it stores each call once.
	 */
	@Test
	void anImportKilledWhileItCopiesStoresEachCallOnceAfterARestart() throws Exception {
		this.schema = PostgresTestDatabase.Schema.create();
		Api api = start();
		new Fixtures(api).accountWithFiveCustomers("acc");
		int lines = 200_000;
		StringBuilder file = new StringBuilder("callId,customerId,channel,direction,from,to,startTime,answerTime,"
				+ "endTime,durationSeconds,billableSeconds,status,carrierCost");
		for (int i = 0; i < lines; i++) {
			file.append("\nk-").append(i).append(",c").append(i % 5)
				.append(",voice,outbound,+1,+2,2026-08-02T10:00:00Z,,,60,60,completed,0.01");
		}
		ApiResponse accepted = api.send("POST", "/calls/import?accountId=acc", "text/csv", file.toString());
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		String id = accepted.json().get("id").asString();
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(10))
			.until(() -> ok(api.get("/calls/imports/" + id)).get("imported").asLong() > 0);
		this.service.kill();
		assertThat(storedCalls()[0]).as("killed before the end").isLessThan(lines);

		Api restarted = start();
		JsonNode recovered = ok(restarted.get("/calls/imports/" + id));
		assertThat(recovered.get("status").asString()).as(recovered.toString()).isEqualTo("Error");
		ApiResponse again = restarted.post("/calls/imports/" + id + "/restart", "");
		assertThat(again.status()).as(again.body()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(120))
			.untilAsserted(() -> assertThat(ok(restarted.get("/calls/imports/" + id)).get("status").asString())
				.isEqualTo("Completed"));
		assertThat(storedCalls()).as("every call stored, none twice").containsExactly(lines, lines);
	}

	/**
	 * A nightly report rerun automatically after a late call, its node killed while version 2 rates: started
	 * again, version 2 is recovered to Error, no third version is made for the same late call, and a restart
	 * completes version 2 with a fresh report's file and every call once.
	 */
	@Test
	void aNodeKilledDuringAnAutomaticRerunLeavesOneVersionTwoThatRestarts() throws Exception {
		this.schema = PostgresTestDatabase.Schema.create();
		List<String> quickReruns = List.of("--billing.nightly.rerun-quiet-period=0s",
				"--billing.nightly.rerun-check-interval=300ms", "--billing.out-of-date.poll-interval=300ms");
		Api api = start(quickReruns);
		ok(api.post("/accounts", Map.of("id", "acc", "name", "Nightly", "timeZoneId", "UTC", "billingSettings",
				Map.of("outboundVoiceCalls", Fixtures.item("0", "1", "0.01", 0)), "nightlyBilling",
				Map.of("enabled", true, "lateData", "rerun"))));
		for (int i = 0; i < 5; i++) {
			new Fixtures(api).customer("c" + i, "acc", null, "Customer " + i, null, null);
		}
		java.time.LocalDate day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1);
		int calls = 30_000;
		try (Connection connection = this.schema.connect(); Statement statement = connection.createStatement()) {
			statement.execute("INSERT INTO call_record (account_id, call_id, customer_id, channel, direction, start_time, "
					+ "duration_seconds, billable_seconds, status, carrier_cost) SELECT 'acc', 'k' || g, 'c' || (g % 5), "
					+ "'voice', 'outbound', TIMESTAMPTZ '" + day + " 00:00:00+00' + (g % 86400) * INTERVAL '1 second', "
					+ "g % 900, g % 900, 'completed', (g % 1000) / 100000.0 FROM generate_series(1, " + calls + ") g");
			statement.execute("ANALYZE call_record");
		}
		Map<String, Object> request = Map.of("accountId", "acc", "startDate", day.toString(), "endDate", day.toString(),
				"includeCustomerIds", true);
		String id = ok(api.post("/reports/billing", request)).get("id").asString();
		assertThat(new Fixtures(api).awaitEnd(id).get("status").asString()).isEqualTo("Completed");
		// The night's report, as the nightly run makes it (a report of one day, marked as the nightly one).
		try (Connection connection = this.schema.connect(); Statement statement = connection.createStatement()) {
			statement.execute("UPDATE billing_report SET nightly_date = DATE '" + day + "' WHERE id = '" + id + "'");
		}

		new Fixtures(api).importCalls("acc", "callId,customerId,channel,direction,startTime,billableSeconds,status,"
				+ "carrierCost\nlate,c1,voice,outbound," + day + "T23:00:00Z,60,completed,0.5\n");
		Pattern progress = Pattern.compile("Rated (\\d+) of " + (calls + 1) + " call records(; \\d+ of \\d+ partitions done)?");
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20)).until(() -> {
			JsonNode two = api.get("/reports/" + id + "?version=2").json();
			Matcher matcher = progress.matcher(String.valueOf(two.path("statusMessage").asString()));
			return matcher.matches() && Long.parseLong(matcher.group(1)) >= 5_000;
		});
		this.service.kill();

		Api restarted = start(quickReruns);
		JsonNode recovered = ok(restarted.get("/reports/" + id));
		assertThat(recovered.get("version").asInt()).as("version 1, completed, is still shown").isOne();
		assertThat(recovered.get("latestVersion").asInt()).isEqualTo(2);
		assertThat(recovered.get("latestStatus").asString()).isEqualTo("Error");
		assertThat(ok(restarted.get("/reports/" + id + "?version=2")).get("statusMessage").asString())
			.isEqualTo("The server crash-node stopped while this ran; restart it");

		ok(restarted.post("/reports/" + id + "/restart", ""));
		await().atMost(Duration.ofSeconds(120))
			.until(() -> ok(restarted.get("/reports/" + id)).get("version").asInt() == 2);
		// The reruns were looked for every 300 ms all along: the late call made one version 2, never a third.
		assertThat(ok(restarted.get("/reports/" + id + "/versions")).get("versions")).hasSize(2);
		JsonNode fresh = new Fixtures(restarted).runReport(request);
		assertThat(restarted.get("/reports/" + id + ".csv").bodyBytes())
			.isEqualTo(restarted.get("/reports/" + fresh.get("id").asString() + ".csv").bodyBytes());
		try (Connection connection = this.schema.connect(); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT COUNT(*), COUNT(DISTINCT call_record_id) FROM billing_row "
						+ "WHERE report_id = '" + id + "' AND version = 2")) {
			rows.next();
			assertThat(new long[] { rows.getLong(1), rows.getLong(2) }).containsExactly(calls + 1, calls + 1);
		}
	}

	/** How many call records the import stored, and how many distinct calls. */
	private long[] storedCalls() throws SQLException {
		try (Connection connection = this.schema.connect(); Statement statement = connection.createStatement();
				ResultSet counts = statement.executeQuery(
						"SELECT COUNT(*), COUNT(DISTINCT call_id) FROM call_record WHERE account_id = 'acc'")) {
			counts.next();
			return new long[] { counts.getLong(1), counts.getLong(2) };
		}
	}

	/** The service in a JVM of its own, with chunks small enough to be killed between two. */
	private Api start() throws IOException {
		return start(List.of());
	}

	private Api start(List<String> more) throws IOException {
		List<String> settings = new ArrayList<>(List.of("--billing.jobs.billing-report.chunk-size=500",
				"--billing.jobs.call-import.chunk-size=2000"));
		settings.addAll(more);
		settings.addAll(this.schema.arguments());
		this.service = ServiceProcess.start(this.dataDir, "crash-node", settings);
		return this.service.api();
	}

}
