package org.billingreports.operations;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;
import org.billingreports.support.GatedJobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingreports.support.Fixtures.ok;
import static org.billingreports.support.RatingGate.GATE;

/**
 * A report that fails at a chosen call record in one partition (after some chunks committed) and is
 * restarted runs that partition alone, from its last committed chunk, and gives the same file, byte
 * for byte, as a run that never failed, with one billing row per call record.
 */
@GatedJobs
class RestartTest extends ApiTestSupport {

	private static final int CALLS = 95;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JobRepository jobRepository;

	@AfterEach
	void openGate() {
		GATE.releaseAll();
	}

	@Test
	void aRestartResumesAfterTheLastCommittedChunkAndEndsIdentical() {
		Fixtures fixtures = new Fixtures(admin());
		String account = unique("rst");
		fixtures.account(account, "Europe/Paris", Map.of("base", Fixtures.item("4", "0", "0", 0),
				"outboundVoiceCalls", Fixtures.item("0.5", "1.2", "0.013", 7), "inboundSmsMessages",
				Fixtures.item("0", "0", "0.004", 0)));
		StringBuilder csv = new StringBuilder("callId,customerId,channel,direction,startTime,billableSeconds,status,"
				+ "carrierCost\n");
		for (String customer : List.of("x", "y", "z")) {
			fixtures.customer(account + "-" + customer, account, null, customer, null, null);
		}
		for (int i = 0; i < CALLS; i++) {
			csv.append("c").append(i).append(',').append(account).append('-').append("xyz".charAt(i % 3))
				.append((i % 4 == 0) ? ",sms,inbound," : ",voice,outbound,").append("2026-07-")
				.append(String.format("%02d", 1 + i % 30)).append("T08:00:00,").append(13 * i).append(",completed,0.0")
				.append(i % 10).append("7\n");
		}
		fixtures.importCalls(account, csv.toString());
		Map<String, Object> request = Map.of("accountId", account, "startDate", "2026-07-01", "endDate", "2026-07-31",
				"includeCustomerIds", true);

		JsonNode uninterrupted = fixtures.runReport(request);
		assertThat(uninterrupted.get("status").asString()).isEqualTo("Completed");

		// Two partitions split the ids: the first 48 calls, then 47. The 37th call fails in the first
		// partition after three chunks of ten committed; the second partition completes.
		long failAt = this.jdbc.sql("SELECT id FROM call_record WHERE account_id = ? ORDER BY id")
			.param(account)
			.query(Long.class)
			.list()
			.get(36);
		GATE.failOnceAt(failAt);
		JsonNode failed = fixtures.runReport(request);
		String id = failed.get("id").asString();
		assertThat(failed.get("status").asString()).isEqualTo("Error");
		assertThat(failed.get("statusMessage").asString())
			.startsWith("Rating call records failed: injected failure at call record " + failAt);
		assertThat(rows(id)).isEqualTo(30 + 47);

		ok(admin().post("/reports/" + id + "/restart", ""));
		JsonNode restarted = fixtures.awaitEnd(id);
		assertThat(restarted.get("status").asString()).isEqualTo("Completed");
		assertThat(rows(id)).isEqualTo(CALLS);
		// The second execution ran only the unfinished partition, from after its last committed chunk: the
		// 18 ids left, in chunks of ten ids; the partition has then rated its 48 calls in all.
		JobExecution second = this.jobRepository.getJobExecution(Long.parseLong(restarted.get("jobId").asString()));
		assertThat(second.getStepExecutions()
			.stream()
			.filter(step -> step.getStepName().startsWith("rateCallsStep-partition"))
			.map(step -> step.getStepName() + " read " + step.getReadCount() + " chunks, rated "
					+ step.getExecutionContext().getLong("rating.rated")))
			.containsExactly("rateCallsStep-partition:partition0 read 2 chunks, rated 48");

		byte[] expected = admin().get("/reports/" + uninterrupted.get("id").asString() + ".csv").bodyBytes();
		assertThat(admin().get("/reports/" + id + ".csv").bodyBytes()).isEqualTo(expected);
		assertThat(restarted.get("statusMessage").asString()).isEqualTo(uninterrupted.get("statusMessage").asString());
	}

	/**
	 * A chunk meets a billing row written before it (here by hand, while the chunk waits at the gate):
	 * the chunk keeps that row and writes the others, instead of failing or writing it twice.
	 */
	@Test
	void aRowThatExistsAlreadyIsKeptAndNotWrittenTwice() throws Exception {
		Fixtures fixtures = new Fixtures(admin());
		String account = unique("dup");
		fixtures.account(account, "UTC", Map.of("outboundVoiceCalls", Fixtures.item("0", "0", "0.01", 0)));
		fixtures.customer(account + "-c", account, null, "C", null, null);
		StringBuilder csv = new StringBuilder("callId,customerId,channel,direction,startTime,billableSeconds,status,"
				+ "carrierCost\n");
		for (int i = 0; i < 6; i++) {
			csv.append("d").append(i).append(',').append(account).append("-c,voice,outbound,2026-07-02T08:00:00,60,")
				.append("completed,0.01\n");
		}
		fixtures.importCalls(account, csv.toString());
		long first = this.jdbc.sql("SELECT MIN(id) FROM call_record WHERE account_id = ?").param(account)
			.query(Long.class).single();
		CountDownLatch held = GATE.hold(account + "-c");
		String id = ok(admin().post("/reports/billing", Map.of("accountId", account, "startDate", "2026-07-01",
				"endDate", "2026-07-31"))).get("id").asString();
		assertThat(held.await(60, TimeUnit.SECONDS)).isTrue();
		this.jdbc.sql("INSERT INTO billing_row (report_id, version, call_record_id, customer_id, item, units, raw_cost) "
				+ "VALUES (?, 1, ?, ?, 4, 1, 0.01)").params(id, first, account + "-c").update();
		GATE.releaseAll();

		assertThat(fixtures.awaitEnd(id).get("status").asString()).isEqualTo("Completed");
		assertThat(rows(id)).isEqualTo(6);
		assertThat(admin().get("/reports/" + id + ".csv").body()).contains("C,OutboundVoiceCalls,6,0,6,0.01,0,0.06,0.06");
	}

	private long rows(String reportId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM billing_row WHERE report_id = ?")
			.param(reportId)
			.query(Long.class)
			.single();
	}

}
