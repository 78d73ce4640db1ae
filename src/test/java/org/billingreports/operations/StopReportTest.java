package org.billingreports.operations;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;
import org.billingreports.support.GatedJobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingreports.support.Fixtures.ok;
import static org.billingreports.support.RatingGate.GATE;

/**
 * {@code POST /reports/{id}/stop}: a running report stops at its next chunk boundary and ends in Error,
 * saying so; a restart finishes it with the same file as a run that was never stopped.
 */
@GatedJobs
class StopReportTest extends ApiTestSupport {

	@AfterEach
	void openGate() {
		GATE.releaseAll();
	}

	@Test
	void aStoppedReportEndsInErrorAndARestartFinishesIt() throws Exception {
		Fixtures fixtures = new Fixtures(admin());
		String account = unique("stop");
		fixtures.account(account, "UTC", Map.of("inboundSmsMessages", Fixtures.item("0", "0", "0.01", 0)));
		fixtures.customer(account + "-c", account, null, "C", null, null);
		StringBuilder csv = new StringBuilder("callId,customerId,channel,direction,startTime,status\n");
		for (int i = 0; i < 25; i++) {
			csv.append("s").append(i).append(',').append(account).append("-c,sms,inbound,2026-07-01T00:00:00Z,completed\n");
		}
		fixtures.importCalls(account, csv.toString());
		Map<String, Object> july = Map.of("accountId", account, "startDate", "2026-07-01", "endDate", "2026-07-31");
		String expected = admin().get("/reports/" + fixtures.runReport(july).get("id").asString() + ".csv").body();

		CountDownLatch held = GATE.hold(account + "-c");
		String id = ok(admin().post("/reports/billing", july)).get("id").asString();
		assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
		assertThat(ok(admin().post("/reports/" + id + "/stop", "")).get("id").asString()).isEqualTo(id);
		GATE.releaseAll();

		JsonNode stopped = fixtures.awaitEnd(id);
		assertThat(stopped.get("status").asString()).isEqualTo("Error");
		assertThat(stopped.get("statusMessage").asString())
			.isEqualTo("The report was stopped before it completed; restart it to finish");
		assertThat(admin().post("/reports/" + id + "/stop", "").status()).as("no longer running").isEqualTo(409);

		ok(admin().post("/reports/" + id + "/restart", ""));
		assertThat(fixtures.awaitEnd(id).get("status").asString()).isEqualTo("Completed");
		assertThat(admin().get("/reports/" + id + ".csv").body()).isEqualTo(expected);
	}

}
