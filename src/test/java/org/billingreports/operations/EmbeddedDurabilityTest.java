package org.billingreports.operations;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.billingreports.database.DatabaseEnvironment;
import org.billingreports.support.Fixtures;
import org.billingreports.support.ServiceProcess;
import org.billingreports.support.WebhookReceiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.billingreports.support.Fixtures.ok;

/**
 * The embedded H2 database, as {@code make run} keeps it, loses nothing it said was saved: a service
 * killed (SIGKILL) the moment a report shows Completed comes back with the report Completed and its
 * {@code report.completed} notification still due, delivered once, and no {@code report.failed}.
 */
class EmbeddedDurabilityTest {

	@Test
	void aReportCompletedJustBeforeAKillIsStillCompletedAfterIt() throws Exception {
		Path dataDir = Files.createTempDirectory("durable");
		try (WebhookReceiver receiver = new WebhookReceiver()) {
			// The receiver fails until after the kill, so that delivery is left to the restarted service.
			receiver.failFirst("hook", 1_000_000);
			List<String> settings = List.of(
					"--spring.datasource.url=" + DatabaseEnvironment.h2Url(dataDir.resolve("node")),
					"--spring.datasource.username=sa", "--spring.datasource.password=",
					"--billing.notifications.webhooks.allowed-hosts=127.0.0.1",
					"--billing.notifications.poll-interval=200ms", "--billing.notifications.initial-backoff=100ms",
					"--billing.notifications.max-backoff=300ms");
			String reportId;
			try (ServiceProcess first = ServiceProcess.start(dataDir, "node", settings)) {
				Fixtures fixtures = new Fixtures(first.api());
				fixtures.account("durable", "UTC", Map.of("base", Fixtures.item("5", "0", "0", 0)));
				fixtures.customer("durable-c", "durable", null, "Customer", null, null);
				fixtures.importCalls("durable", String.join("\n",
						"callId,customerId,channel,direction,from,to,startTime,answerTime,endTime,durationSeconds,"
								+ "billableSeconds,status,carrierCost",
						"d1,durable-c,voice,outbound,+1,+2,2026-07-02T10:00:00Z,,,61,61,completed,0.01",
						"d2,durable-c,voice,outbound,+1,+2,2026-07-03T10:00:00Z,,,30,30,completed,0.01",
						"d3,durable-c,sms,outbound,+1,+2,2026-07-04T10:00:00Z,,,0,0,completed,0.01"));
				reportId = ok(first.api().post("/reports/billing", Map.of("accountId", "durable", "startDate",
						"2026-07-01", "endDate", "2026-07-31", "webhookUrl", receiver.url("hook")))).get("id").asString();
				await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(
						() -> "Completed".equals(ok(first.api().get("/reports/" + reportId)).get("status").asString()));
				first.kill();
			}
			int failedAttempts = receiver.received("hook").size();
			receiver.failFirst("hook", 0);
			try (ServiceProcess second = ServiceProcess.start(dataDir, "node", settings)) {
				JsonNode report = ok(second.api().get("/reports/" + reportId));
				assertThat(report.get("status").asString()).isEqualTo("Completed");
				assertThat(report.get("statusMessage").asString()).isEqualTo("1 customers, 3 calls, total 5.00 USD");
				await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(ok(second.api()
					.get("/reports/" + reportId)).at("/notifications/0/status").asString()).isEqualTo("delivered"));
			}
			try (Connection connection = DriverManager.getConnection(settings.get(0).substring(
					"--spring.datasource.url=".length()), "sa", "");
					PreparedStatement rows = connection.prepareStatement(
							"SELECT COUNT(*), COUNT(DISTINCT call_record_id) FROM billing_row WHERE report_id = ?")) {
				rows.setString(1, reportId);
				try (ResultSet counts = rows.executeQuery()) {
					counts.next();
					assertThat(counts.getLong(1)).as("billing rows kept").isEqualTo(3);
					assertThat(counts.getLong(2)).as("each call once").isEqualTo(3);
				}
			}
			List<WebhookReceiver.Received> received = receiver.received("hook");
			assertThat(received).as("one delivery after the failed attempts").hasSize(failedAttempts + 1);
			assertThat(received).extracting(request -> request.header("X-Billing-Event"))
				.containsOnly("report.completed");
			assertThat(received).extracting(request -> request.header("X-Billing-Event-Id")).hasSize(received.size())
				.containsOnly(received.get(0).header("X-Billing-Event-Id"));
		}
	}

}
