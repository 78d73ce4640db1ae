package org.billingreports.monitoring;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.billingreports.support.ApiResponse;
import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.billingreports.support.Fixtures.ok;
import static org.billingreports.support.Prometheus.value;

/**
 * Health for anyone (details for a SystemAdministrator), liveness and readiness, and the Prometheus
 * scrape with Spring Batch's job timer and the service's own counters moving as a report and an
 * import run.
 */
class HealthAndMetricsTest extends ApiTestSupport {

	@Test
	void healthSaysUpToAnyoneAndWhyToAnAdministrator() {
		JsonNode admin = ok(admin().get("/actuator/health"));
		JsonNode anyone = ok(anonymous().get("/actuator/health"));
		assertThat(anyone.get("status").asString()).isEqualTo("UP");
		assertThat(anyone.has("components")).as(anyone.toString()).isFalse();

		assertThat(admin.get("components").propertyNames()).contains("db", "diskSpace", "livenessState",
				"readinessState");
		assertThat(admin.get("components").has("rabbit")).as("RabbitMQ only matters in remote mode").isFalse();
		assertThat(admin.at("/components/diskSpace/details/free").asLong()).isPositive();
		assertThat(admin.at("/components/db/details/database").asString()).isEqualTo("H2");

		assertThat(ok(anonymous().get("/actuator/health/liveness")).get("status").asString()).isEqualTo("UP");
		JsonNode readiness = ok(admin().get("/actuator/health/readiness"));
		assertThat(readiness.get("status").asString()).isEqualTo("UP");
		assertThat(readiness.get("components").propertyNames()).contains("db", "diskSpace", "readinessState");
	}

	@Test
	void metricsAreForAdministratorsOnly() {
		String account = unique("mon");
		new Fixtures(admin()).account(account, "UTC", Map.of());
		ok(admin().post("/users", Map.of("username", account + "-manager", "password", "manager-password-1",
				"role", "Manager", "accountId", account)));

		assertThat(anonymous().get("/actuator/prometheus").status()).isEqualTo(401);
		assertThat(anonymous().as(account + "-manager", "manager-password-1").get("/actuator/prometheus").status())
			.isEqualTo(403);
		assertThat(admin().get("/actuator/prometheus").status()).isEqualTo(200);
	}

	@Test
	void aReportAndAnImportMoveTheCounters() {
		String account = unique("mon");
		Fixtures fixtures = new Fixtures(admin());
		fixtures.account(account, "UTC", Map.of("outboundVoiceCalls", Fixtures.item("0", "1", "0.01", 0)));
		fixtures.customer(account + "-c", account, null, "C", null, null);
		String before = scrape();

		JsonNode imported = fixtures.importCalls(account, String.join("\n",
				"callId,customerId,channel,direction,from,to,startTime,answerTime,endTime,durationSeconds,"
						+ "billableSeconds,status,carrierCost",
				"m1," + account + "-c,voice,outbound,+1555,+1666,2026-07-02T10:00:00Z,,,60,60,completed,0",
				"m2," + account + "-c,voice,outbound,+1555,+1666,2026-07-03T10:00:00Z,,,60,60,completed,0",
				"m3," + account + "-c,voice,outbound,+1555,+1666,not-a-time,,,60,60,completed,0"));
		assertThat(imported.get("rejected").asLong()).isEqualTo(1);
		JsonNode report = fixtures.runReport(Map.of("accountId", account, "startDate", "2026-07-01", "endDate",
				"2026-07-31", "emailAddressToNotify", "ops@example.com"));
		assertThat(report.get("status").asString()).isEqualTo("Completed");

		String after = scrape();
		assertThat(value(after, "billing_reports_ended_total", "status=\"Completed\""))
			.isGreaterThanOrEqualTo(value(before, "billing_reports_ended_total", "status=\"Completed\"") + 1);
		assertThat(value(after, "billing_imports_ended_total", "status=\"Completed\""))
			.isGreaterThanOrEqualTo(value(before, "billing_imports_ended_total", "status=\"Completed\"") + 1);
		assertThat(value(after, "billing_imports_rejected_lines_total"))
			.isGreaterThanOrEqualTo(value(before, "billing_imports_rejected_lines_total") + 1);
		assertThat(value(after, "billing_calls_rated_total"))
			.isGreaterThanOrEqualTo(value(before, "billing_calls_rated_total") + 2);
		assertThat(value(after, "spring_batch_job_seconds_count", "spring_batch_job_name=\"billingReportJob\"",
				"spring_batch_job_status=\"COMPLETED\""))
			.isGreaterThanOrEqualTo(value(before, "spring_batch_job_seconds_count",
					"spring_batch_job_name=\"billingReportJob\"", "spring_batch_job_status=\"COMPLETED\"") + 1);
		assertThat(after).contains("billing_jobs_queued", "billing_jobs_running", "spring_batch_step_seconds_count");

		// The e-mail goes out after the report ended, on the notification thread.
		double mailsBefore = value(before, "billing_notifications_total", "channel=\"email\"",
				"outcome=\"delivered\"");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> value(scrape(), "billing_notifications_total", "channel=\"email\"",
					"outcome=\"delivered\"") >= mailsBefore + 1);
	}

	private String scrape() {
		ApiResponse response = admin().get("/actuator/prometheus");
		assertThat(response.status()).isEqualTo(200);
		return response.body();
	}

}
