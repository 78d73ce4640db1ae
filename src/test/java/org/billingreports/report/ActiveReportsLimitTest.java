package org.billingreports.report;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;


import org.billingreports.support.ApiResponse;
import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;
import org.billingreports.support.GatedJobs;
import org.billingreports.support.RatingGate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingreports.support.Fixtures.ok;
import static org.billingreports.support.RatingGate.GATE;

/** An account may have only so many reports queued or running; beyond that, 429. */
@GatedJobs
class ActiveReportsLimitTest extends ApiTestSupport {

	@AfterEach
	void openGate() {
		GATE.releaseAll();
	}

	@Test
	void aThirdActiveReportIsRefusedUntilOneEnds() throws Exception {
		Fixtures fixtures = new Fixtures(admin());
		String account = unique("busy");
		fixtures.account(account, "UTC", Map.of());
		fixtures.customer(account + "-c", account, null, "C", null, null);
		fixtures.importCalls(account, "callId,customerId,channel,direction,startTime,status\n"
				+ "x," + account + "-c,sms,inbound,2026-07-01T10:00:00Z,completed\n");
		Map<String, Object> request = Map.of("accountId", account, "startDate", "2026-07-01", "endDate",
				"2026-07-31");
		CountDownLatch held = GATE.hold(account + "-c");
		String running = ok(admin().post("/reports/billing", request)).get("id").asString();
		assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
		String queued = ok(admin().post("/reports/billing", request)).get("id").asString();

		ApiResponse refused = admin().post("/reports/billing", request);
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.json().get("responseStatus").get("errorCode").asString()).isEqualTo("TooManyActiveReports");
		assertThat(refused.json().get("responseStatus").get("message").asString()).contains("2 reports queued or running");

		GATE.releaseAll();
		assertThat(fixtures.awaitEnd(running).get("status").asString()).isEqualTo("Completed");
		assertThat(fixtures.awaitEnd(queued).get("status").asString()).isEqualTo("Completed");
		assertThat(admin().post("/reports/billing", request).status()).isEqualTo(200);
	}

}
