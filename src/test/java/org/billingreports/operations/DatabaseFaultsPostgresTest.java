package org.billingreports.operations;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;

import org.billingreports.support.Api;
import org.billingreports.support.ApiResponse;
import org.billingreports.support.Fixtures;
import org.billingreports.support.Nodes;
import org.billingreports.support.PostgresTestDatabase;
import org.billingreports.support.RatingGate;
import org.billingreports.support.TcpProxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.billingreports.support.Fixtures.ok;

/**
 * The database going away while the service works, aimed with a TCP proxy between the service and
 * PostgreSQL: connections cut in the middle of rating (Spring Batch's "unknown outcome"), the database
 * refusing connections for seconds during a report and during an import. The service stays up, says
 * DOWN on readiness while the database is away, and every piece of work ends Completed or
 * restartable, and once restarted, Completed, with each call billed and stored exactly once.
 */
@Tag("postgres")
@ExtendWith(PostgresTestDatabase.class)
class DatabaseFaultsPostgresTest {

	private static final String ACCOUNT = "faults";

	private static final int CALLS = 30_000;

	private PostgresTestDatabase.Schema schema;

	private TcpProxy proxy;

	private ConfigurableApplicationContext node;

	private Api admin;

	private Fixtures fixtures;

	@BeforeEach
	void start() throws Exception {
		// A job thread whose last save meets the database away ends with an exception: expected here.
		Awaitility.doNotCatchUncaughtExceptionsByDefault();
		this.schema = PostgresTestDatabase.Schema.create();
		URI server = PostgresTestDatabase.Schema.server();
		this.proxy = TcpProxy.to(server.getHost(), server.getPort());
		List<String> settings = new ArrayList<>(this.schema.arguments(this.proxy));
		settings.addAll(List.of("--billing.recovery.sweep-interval=1s", "--billing.jobs.billing-report.chunk-size=500",
				"--billing.jobs.call-import.chunk-size=500", "--billing.jobs.call-import.answer-when-done-below=1KB", "--spring.datasource.hikari.connection-timeout=2000",
				"--spring.datasource.hikari.validation-timeout=1000"));
		this.node = Nodes.start("faults", settings, RatingGate.Configuration.class);
		this.admin = Nodes.admin(this.node);
		this.fixtures = new Fixtures(this.admin);
		this.fixtures.accountWithFiveCustomers(ACCOUNT);
		this.schema.insertCalls(ACCOUNT, CALLS);
	}

	@AfterEach
	void stop() throws Exception {
		Awaitility.reset();
		RatingGate.GATE.releaseAll();
		if (this.node != null) {
			this.node.close();
		}
		if (this.proxy != null) {
			this.proxy.close();
		}
		if (this.schema != null) {
			this.schema.close();
		}
	}

	private Map<String, Object> july() {
		return Map.of("accountId", ACCOUNT, "startDate", "2026-07-01", "endDate", "2026-07-31", "includeCustomerIds",
				true);
	}

	/** The file of an uninterrupted run of the same report, to compare with. */
	private String uninterruptedFile() {
		JsonNode clean = this.fixtures.runReport(july());
		assertThat(clean.get("status").asString()).isEqualTo("Completed");
		return this.admin.get("/reports/" + clean.get("id").asString() + ".csv").body();
	}

	@Test
	void connectionsCutInTheMiddleOfRatingLeaveAReportThatRestartsToTheSameFile() throws Exception {
		String expected = uninterruptedFile();
		CountDownLatch held = RatingGate.GATE.hold("c3");
		String id = ok(this.admin.post("/reports/billing", july())).get("id").asString();
		assertThat(held.await(60, TimeUnit.SECONDS)).isTrue();
		this.proxy.cut();
		RatingGate.GATE.releaseAll();

		JsonNode failed = this.fixtures.awaitEnd(id);
		assertThat(failed.get("status").asString()).isEqualTo("Error");
		assertReadable(failed.get("statusMessage").asString());
		// Its own listener marks it failed, or, when that save too met a dead pooled connection, the
		// recovery sweep a moment later.
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(noUnknownExecutions()).as("no execution is left UNKNOWN").isTrue());

		assertThat(this.admin.post("/reports/" + id + "/restart", "").status()).isEqualTo(200);
		assertThat(this.fixtures.awaitEnd(id).get("status").asString()).isEqualTo("Completed");
		assertThat(this.admin.get("/reports/" + id + ".csv").body()).isEqualTo(expected);
		assertBilledOnce(id);
	}

	@Test
	void aDatabaseAwayForSecondsDuringAReportSaysDownAndLeavesItRestartable() throws Exception {
		String expected = uninterruptedFile();
		CountDownLatch held = RatingGate.GATE.hold("c1");
		String id = ok(this.admin.post("/reports/billing", july())).get("id").asString();
		assertThat(held.await(60, TimeUnit.SECONDS)).isTrue();
		this.proxy.goAway();
		RatingGate.GATE.releaseAll();
		Api anonymous = Nodes.api(this.node);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(
				() -> assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(503));
		assertThat(anonymous.get("/actuator/health/liveness").status()).as("alive all the same").isEqualTo(200);
		this.proxy.comeBack();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(
				() -> assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200));

		JsonNode ended = this.fixtures.awaitEnd(id);
		if (ended.get("status").asString().equals("Error")) {
			assertReadable(ended.get("statusMessage").asString());
			assertThat(this.admin.post("/reports/" + id + "/restart", "").status()).isEqualTo(200);
			ended = this.fixtures.awaitEnd(id);
		}
		assertThat(ended.get("status").asString()).isEqualTo("Completed");
		assertThat(this.admin.get("/reports/" + id + ".csv").body()).isEqualTo(expected);
		assertBilledOnce(id);
	}

	@Test
	void aLegPushedWhileTheDatabaseIsAwayIs503AndStoredOnceWhenPostedAgain() throws Exception {
		this.fixtures.customer(ACCOUNT + "-1001", ACCOUNT, null, "Extension 1001", "1001", null);
		JsonNode credential = this.admin.post("/accounts/" + ACCOUNT + "/switch-credentials", Map.of()).json();
		Api theSwitch = Nodes.api(this.node)
			.as(credential.get("username").asString(), credential.get("password").asString());
		String uuid = java.util.UUID.randomUUID().toString();
		byte[] leg = ("{\"variables\":{\"uuid\":\"" + uuid + "\",\"accountcode\":\"1001\",\"start_epoch\":"
				+ "\"1783000000\",\"answer_epoch\":\"1783000002\",\"end_epoch\":\"1783000062\",\"billsec\":\"60\"}}")
			.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		Map<String, String> headers = Map.of("Content-Type", "application/json");
		this.proxy.goAway();
		ApiResponse away = theSwitch.exchange("POST", "/calls/freeswitch/" + ACCOUNT + "?uuid=" + uuid, headers, leg);
		assertThat(away.status()).as(away.body()).isEqualTo(503);
		assertThat(away.header("Retry-After")).isNotBlank();
		assertThat(away.json().at("/responseStatus/errorCode").asString()).isEqualTo("DatabaseUnavailable");
		this.proxy.comeBack();
		await().atMost(Duration.ofSeconds(30)).until(() -> theSwitch
			.exchange("POST", "/calls/freeswitch/" + ACCOUNT + "?uuid=" + uuid, headers, leg).status() == 200);
		assertThat(theSwitch.exchange("POST", "/calls/freeswitch/" + ACCOUNT + "?uuid=" + uuid, headers, leg).status())
			.isEqualTo(200);
		assertThat(this.node.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
			.sql("SELECT COUNT(*) FROM call_record WHERE account_id = ? AND call_id = ?")
			.params(ACCOUNT, uuid)
			.query(Long.class)
			.single()).isOne();
	}

	@Test
	void aDatabaseAwayForSecondsDuringAnImportLeavesItRestartableAndStoresEachCallOnce() throws Exception {
		StringBuilder file = new StringBuilder("callId,customerId,channel,direction,from,to,startTime,answerTime,"
				+ "endTime,durationSeconds,billableSeconds,status,carrierCost");
		int lines = 20_000;
		for (int i = 0; i < lines; i++) {
			file.append("\nimp-").append(i).append(",c").append(i % 5)
				.append(",voice,outbound,+1,+2,2026-08-02T10:00:00Z,,,60,60,completed,0.01");
		}
		ApiResponse accepted = this.admin.send("POST", "/calls/import?accountId=" + ACCOUNT, "text/csv", file.toString());
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		String id = accepted.json().get("id").asString();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
			.until(() -> ok(this.admin.get("/calls/imports/" + id)).get("imported").asLong() > 0);
		this.proxy.goAway();
		await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
		this.proxy.comeBack();

		JsonNode[] ended = new JsonNode[1];
		await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
			ended[0] = ok(this.admin.get("/calls/imports/" + id));
			assertThat(ended[0].get("status").asString()).isIn("Completed", "Error");
		});
		if (ended[0].get("status").asString().equals("Error")) {
			assertReadable(ended[0].get("statusMessage").asString());
			ApiResponse restarted = this.admin.post("/calls/imports/" + id + "/restart", "");
			assertThat(restarted.status()).as(restarted.body()).isEqualTo(202);
			await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
				ended[0] = ok(this.admin.get("/calls/imports/" + id));
				assertThat(ended[0].get("status").asString()).isEqualTo("Completed");
			});
		}
		try (Connection connection = this.schema.connect(); Statement statement = connection.createStatement();
				ResultSet counts = statement.executeQuery("SELECT COUNT(*), COUNT(DISTINCT call_id) FROM call_record "
						+ "WHERE account_id = '" + ACCOUNT + "' AND call_id LIKE 'imp-%'")) {
			counts.next();
			assertThat(counts.getLong(1)).as("every line stored").isEqualTo(lines);
			assertThat(counts.getLong(2)).as("none twice").isEqualTo(lines);
		}
	}

	private void assertBilledOnce(String reportId) throws Exception {
		PostgresTestDatabase.Schema.BillingRows rows = this.schema.billingRows(reportId);
		assertThat(rows.rows()).as("billing rows").isEqualTo(CALLS);
		assertThat(rows.callRecords()).as("distinct call records").isEqualTo(CALLS);
	}

	/** A reason for a person: no Java class name, no stack trace. */
	private static void assertReadable(String message) {
		assertThat(message).isNotBlank()
			.doesNotContainPattern("[a-z]+\\.[a-z]+\\.[A-Za-z]+(Exception|Error)")
			.doesNotContain("\tat ")
			.doesNotContain("Exception");
	}

	private boolean noUnknownExecutions() throws Exception {
		try (Connection connection = this.schema.connect(); Statement statement = connection.createStatement();
				ResultSet unknown = statement.executeQuery("SELECT COUNT(*) FROM batch_job_execution e "
						+ "WHERE e.status = 'UNKNOWN' OR EXISTS (SELECT 1 FROM batch_step_execution s "
						+ "WHERE s.job_execution_id = e.job_execution_id AND s.status = 'UNKNOWN')")) {
			unknown.next();
			return unknown.getLong(1) == 0;
		}
	}

}
