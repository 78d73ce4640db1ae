package org.billingreports.report;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;


import org.billingreports.support.ApiResponse;
import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;
import org.billingreports.support.GatedJobs;
import org.billingreports.support.RatingGate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingreports.support.Fixtures.ok;
import static org.billingreports.support.RatingGate.GATE;

/**
 * One report seen Queued, then Running, then Completed; one made to fail seen in Error, then
 * restarted. The {@link RatingGate} holds or fails the calls of a chosen customer, and one job thread
 * makes the queue observable.
 */
@GatedJobs
class ReportLifecycleTest extends ApiTestSupport {

	@AfterEach
	void openGate() {
		GATE.releaseAll();
	}

	@Test
	void queuedThenRunningThenCompleted() throws Exception {
		Fixtures fixtures = new Fixtures(admin());
		String blocking = setUpAccount(fixtures, "first");
		String account = setUpAccount(fixtures, "second", "other");

		// A report of another account takes the only job thread and is held at its first call.
		CountDownLatch firstHeld = GATE.hold(blocking + "-first");
		String first = create(blocking);
		assertThat(firstHeld.await(30, TimeUnit.SECONDS)).isTrue();

		CountDownLatch secondHeld = GATE.hold(account + "-second");
		JsonNode second = ok(admin().post("/reports/billing", request(account)));
		assertThat(second.get("status").asString()).isEqualTo("Queued");
		JsonNode queued = ok(admin().get("/reports/" + second.get("id").asString()));
		assertThat(queued.get("status").asString()).isEqualTo("Queued");
		assertThat(queued.get("statusMessage").asString()).isEqualTo("Queued on test-node: next to run");
		assertThat(queued.has("downloadLink")).isFalse();

		GATE.release(blocking + "-first");
		assertThat(secondHeld.await(30, TimeUnit.SECONDS)).isTrue();
		JsonNode running = ok(admin().get("/reports/" + second.get("id").asString()));
		assertThat(running.get("status").asString()).isEqualTo("Running");
		assertThat(running.get("statusMessage").asString()).matches("Rated \\d+ of 4 call records; [01] of 2 partitions done");
		assertThat(running.has("downloadLink")).isFalse();

		GATE.release(account + "-second");
		JsonNode completed = fixtures.awaitEnd(second.get("id").asString());
		assertThat(completed.get("status").asString()).isEqualTo("Completed");
		assertThat(completed.get("statusMessage").asString()).startsWith("2 customers, 4 calls, total");
		assertThat(completed.get("downloadLink").asString()).contains(".csv?version=1&token=");
		assertThat(fixtures.awaitEnd(first).get("status").asString()).isEqualTo("Completed");
	}

	@Test
	void aFailingJobEndsInErrorWithAReadableReason() {
		Fixtures fixtures = new Fixtures(admin());
		String account = setUpAccount(fixtures, "ok", "broken");
		GATE.fail(account + "-broken");
		String report = create(account);
		JsonNode failed = fixtures.awaitEnd(report);
		assertThat(failed.get("status").asString()).isEqualTo("Error");
		assertThat(failed.get("statusMessage").asString()).isEqualTo(
				"Rating call records failed: injected failure for customer " + account
						+ "-broken. Restart the report once the cause is fixed.");
		assertThat(failed.has("downloadLink")).isFalse();
		assertThat(admin().get("/reports/" + report + ".csv").status()).isEqualTo(409);

		// Once the cause is gone, the same report runs again as a new execution and completes.
		GATE.heal(account + "-broken");
		JsonNode restarted = ok(admin().post("/reports/" + report + "/restart", ""));
		assertThat(restarted.get("id").asString()).isEqualTo(report);
		assertThat(restarted.get("jobId").asString()).isNotEqualTo(failed.get("jobId").asString());
		JsonNode completed = fixtures.awaitEnd(report);
		assertThat(completed.get("status").asString()).isEqualTo("Completed");
		assertThat(completed.get("statusMessage").asString()).startsWith("2 customers, 4 calls");
		ApiResponse again = admin().post("/reports/" + report + "/restart", "");
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.json().get("responseStatus").get("errorCode").asString()).isEqualTo("NotRestartable");
	}

	private String setUpAccount(Fixtures fixtures, String... customers) {
		String account = unique("life");
		fixtures.account(account, "UTC", Map.of("outboundVoiceCalls", Fixtures.item("0", "0", "0.01", 0)));
		StringBuilder csv = new StringBuilder("callId,customerId,channel,direction,startTime,billableSeconds,status\n");
		for (String customer : customers) {
			fixtures.customer(account + "-" + customer, account, null, customer, null, null);
			for (int i = 0; i < 2; i++) {
				csv.append(customer).append(i).append(',').append(account).append('-').append(customer)
					.append(",voice,outbound,2026-07-0").append(i + 1).append("T10:00:00Z,60,completed\n");
			}
		}
		fixtures.importCalls(account, csv.toString());
		return account;
	}

	private String create(String account) {
		return ok(admin().post("/reports/billing", request(account))).get("id").asString();
	}

	private static Map<String, Object> request(String account) {
		return Map.of("accountId", account, "startDate", "2026-07-01", "endDate", "2026-07-31");
	}

}
