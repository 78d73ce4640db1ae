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
		List<String> settings = new ArrayList<>(List.of("--billing.jobs.billing-report.chunk-size=500",
				"--billing.jobs.call-import.chunk-size=2000"));
		settings.addAll(this.schema.arguments());
		this.service = ServiceProcess.start(this.dataDir, "crash-node", settings);
		return this.service.api();
	}

}
