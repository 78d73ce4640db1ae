package org.billingreports.notifications;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.billingreports.BillingReportsApplication;
import org.billingreports.support.Api;
import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;
import org.billingreports.support.WebhookReceiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.billingreports.support.Fixtures.ok;

/**
 * The service stops after a report's job ended but before its webhook was delivered; started again
 * on the same database, it delivers the notification, once.
 */
class NotificationRestartTest {

	@TempDir
	Path dataDir;

	private ConfigurableApplicationContext application;

	private WebhookReceiver receiver;

	@AfterEach
	void stop() {
		if (this.application != null) {
			this.application.close();
		}
		if (this.receiver != null) {
			this.receiver.close();
		}
	}

	@Test
	void aPendingNotificationIsDeliveredOnceAfterARestart() throws Exception {
		int receiverPort = freePort();
		Api api = start();
		String reportId = completedReportWithWebhook(api, "http://127.0.0.1:" + receiverPort + "/hook");
		// The receiver is down: the first attempts fail and the notification waits in the outbox.
		awaitNotification(api, reportId, notification -> assertThat(notification.get("lastError").asString())
			.isEqualTo("connection refused"));
		this.application.close();

		this.receiver = new WebhookReceiver(receiverPort);
		api = start();
		awaitNotification(api, reportId,
				notification -> assertThat(notification.get("status").asString()).isEqualTo("delivered"));
		assertThat(this.receiver.received("hook")).hasSize(1);
		assertThat(this.receiver.received("hook").get(0).text()).contains(reportId);
	}

	@Test
	void notificationsNeverRecordedAreRecordedAtTheNextStart() throws Exception {
		this.receiver = new WebhookReceiver();
		Api api = start();
		// The notification thread is not stopped here: the receiver is ready, but the rows are taken away
		// as if the process had died between the job's end and their recording.
		String reportId = completedReportWithWebhook(api, this.receiver.url("late"));
		awaitNotification(api, reportId,
				notification -> assertThat(notification.get("status").asString()).isEqualTo("delivered"));
		this.receiver.received("late").clear();
		JdbcClient jdbc = this.application.getBean(JdbcClient.class);
		jdbc.sql("DELETE FROM notification WHERE report_id = ?").param(reportId).update();
		// ... and some time ago: executions that ended within the last minute are left to their own node.
		jdbc.sql("UPDATE batch_job_execution SET end_time = end_time - INTERVAL '2' MINUTE "
				+ "WHERE job_execution_id IN (SELECT job_execution_id FROM report_execution WHERE report_id = ?)")
			.param(reportId)
			.update();
		this.application.close();

		api = start();
		awaitNotification(api, reportId,
				notification -> assertThat(notification.get("status").asString()).isEqualTo("delivered"));
		assertThat(this.receiver.received("late")).hasSize(1);
	}

	private String completedReportWithWebhook(Api api, String webhookUrl) {
		Fixtures fixtures = new Fixtures(api);
		fixtures.account("acc", "UTC", Map.of("base", Fixtures.item("1", "0", "0", 0)));
		fixtures.customer("c1", "acc", null, "One", null, null);
		fixtures.importCalls("acc", "callId,customerId,channel,direction,startTime,status\n"
				+ "x1,c1,sms,outbound,2026-07-02T10:00:00Z,completed\n");
		JsonNode report = fixtures.runReport(Map.of("accountId", "acc", "startDate", "2026-07-01", "endDate",
				"2026-07-31", "webhookUrl", webhookUrl));
		assertThat(report.get("status").asString()).isEqualTo("Completed");
		return report.get("id").asString();
	}

	private void awaitNotification(Api api, String reportId, Consumer<JsonNode> requirement) {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			JsonNode notifications = ok(api.get("/reports/" + reportId)).get("notifications");
			assertThat(notifications).isNotNull().hasSize(1);
			requirement.accept(notifications.get(0));
		});
	}

	/** Starts the service on the test's own H2 file database, which outlives each start. */
	private Api start() {
		this.application = new SpringApplicationBuilder(BillingReportsApplication.class).profiles("test")
			.run("--server.port=0", "--billing.data-dir=" + this.dataDir,
					"--spring.datasource.url=jdbc:h2:file:" + this.dataDir.resolve("billing")
							+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
					"--billing.notifications.poll-interval=200ms", "--billing.notifications.initial-backoff=300ms",
					"--billing.notifications.max-backoff=500ms", "--billing.notifications.max-attempts=100",
					"--billing.notifications.webhooks.allowed-hosts=127.0.0.1");
		int port = Integer.parseInt(this.application.getEnvironment().getProperty("local.server.port"));
		return new Api(port).as(ApiTestSupport.ADMIN, ApiTestSupport.ADMIN_PASSWORD);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
