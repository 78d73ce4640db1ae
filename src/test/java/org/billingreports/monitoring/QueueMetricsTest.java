package org.billingreports.monitoring;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;
import org.billingreports.support.GatedJobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingreports.support.Fixtures.ok;
import static org.billingreports.support.Prometheus.value;
import static org.billingreports.support.RatingGate.GATE;

/**
 * With one job thread held by a running report and another report waiting behind it, the gauges say
 * so: one running, one queued, in the job repository and in this node's executor.
 */
@GatedJobs
class QueueMetricsTest extends ApiTestSupport {

	@AfterEach
	void openGate() {
		GATE.releaseAll();
	}

	@Test
	void theGaugesShowARunningReportAndOneWaitingBehindIt() throws Exception {
		Fixtures fixtures = new Fixtures(admin());
		String account = unique("queue");
		fixtures.account(account, "UTC", Map.of());
		fixtures.customer(account + "-c", account, null, "C", null, null);
		fixtures.importCalls(account, "callId,customerId,channel,direction,startTime,billableSeconds,status\n"
				+ "q1," + account + "-c,voice,outbound,2026-07-02T10:00:00Z,60,completed\n");
		Map<String, Object> request = Map.of("accountId", account, "startDate", "2026-07-01", "endDate", "2026-07-31");

		String before = admin().get("/actuator/prometheus").body();
		double runningBefore = value(before, "billing_reports_active", "status=\"Running\"");
		double queuedBefore = value(before, "billing_reports_active", "status=\"Queued\"");

		CountDownLatch held = GATE.hold(account + "-c");
		String running = ok(admin().post("/reports/billing", request)).get("id").asString();
		assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
		String queued = ok(admin().post("/reports/billing", request)).get("id").asString();

		String scrape = admin().get("/actuator/prometheus").body();
		assertThat(value(scrape, "billing_reports_active", "status=\"Running\"")).isEqualTo(runningBefore + 1);
		assertThat(value(scrape, "billing_reports_active", "status=\"Queued\"")).isEqualTo(queuedBefore + 1);
		assertThat(value(scrape, "billing_jobs_running")).isEqualTo(1);
		assertThat(value(scrape, "billing_jobs_queued")).isEqualTo(1);

		GATE.releaseAll();
		assertThat(fixtures.awaitEnd(running).get("status").asString()).isEqualTo("Completed");
		assertThat(fixtures.awaitEnd(queued).get("status").asString()).isEqualTo("Completed");
		String after = admin().get("/actuator/prometheus").body();
		assertThat(value(after, "billing_reports_active", "status=\"Queued\"")).isEqualTo(queuedBefore);
	}

}
