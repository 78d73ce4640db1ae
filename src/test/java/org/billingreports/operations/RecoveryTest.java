package org.billingreports.operations;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.billingreports.kernel.ReportVersion;
import org.billingreports.batch.UnknownOutcomes;
import org.billingreports.billingjob.BillingJob;
import org.billingreports.billingjob.Partitions;
import org.billingreports.rating.BillingPeriod;
import org.billingreports.report.Report;
import org.billingreports.report.ReportRepository;
import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingreports.support.Fixtures.ok;

/**
 * Executions whose node went silent: running ones end in Error, restartable; queued ones of a node
 * that crashed are queued again here; those of a live node, or of a node that stopped gracefully and
 * will come back for its queue, are left alone. The "other nodes" are written into the job repository
 * as they would have left it.
 */
class RecoveryTest extends ApiTestSupport {

	@Autowired
	ExecutionRecovery recovery;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	ReportRepository reports;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aSilentNodesRunningReportEndsInErrorAndCanBeRestarted() throws Exception {
		String account = account();
		String report = reportOf(account, "ghost-" + account, BatchStatus.STARTED, Duration.ofMinutes(10), false);
		String live = reportOf(account, "live-" + account, BatchStatus.STARTED, Duration.ofSeconds(1), false);

		this.recovery.recoverStale(Instant.now());

		JsonNode recovered = ok(admin().get("/reports/" + report));
		assertThat(recovered.get("status").asString()).isEqualTo("Error");
		assertThat(recovered.get("statusMessage").asString())
			.isEqualTo("The server ghost-" + account + " running this stopped responding; restart it");
		assertThat(ok(admin().get("/reports/" + live)).get("status").asString()).isEqualTo("Running");

		ok(admin().post("/reports/" + report + "/restart", ""));
		JsonNode completed = new Fixtures(admin()).awaitEnd(report);
		assertThat(completed.get("status").asString()).isEqualTo("Completed");
		assertThat(completed.get("server").asString()).isEqualTo("test-node");
	}

	@Test
	void aCrashedNodesQueueIsTakenOverAndAGracefullyStoppedNodeKeepsItsOwn() throws Exception {
		String account = account();
		String crashed = reportOf(account, "crashed-" + account, BatchStatus.STARTING, Duration.ofMinutes(10), false);
		String stopped = reportOf(account, "stopped-" + account, BatchStatus.STARTING, Duration.ofMinutes(10), true);

		this.recovery.recoverStale(Instant.now());

		JsonNode takenOver = new Fixtures(admin()).awaitEnd(crashed);
		assertThat(takenOver.get("status").asString()).isEqualTo("Completed");
		assertThat(takenOver.get("server").asString()).isEqualTo("test-node");
		JsonNode waiting = ok(admin().get("/reports/" + stopped));
		assertThat(waiting.get("status").asString()).isEqualTo("Queued");
		assertThat(waiting.get("server").asString()).isEqualTo("stopped-" + account);
	}

	@Test
	void atStartupThisNodesOwnRunningReportIsRecoveredAndItsQueuedOneQueuedAgain() throws Exception {
		String account = account();
		String running = reportOf(account, "test-node", BatchStatus.STARTED, Duration.ZERO, false);
		String queued = reportOf(account, "test-node", BatchStatus.STARTING, Duration.ZERO, false);

		this.recovery.recoverOwn();

		JsonNode recovered = ok(admin().get("/reports/" + running));
		assertThat(recovered.get("status").asString()).isEqualTo("Error");
		assertThat(recovered.get("statusMessage").asString())
			.isEqualTo("The server test-node stopped while this ran; restart it");
		assertThat(new Fixtures(admin()).awaitEnd(queued).get("status").asString()).isEqualTo("Completed");
	}

	@Test
	void aSilentWorkersPartitionFailsButNotOneAnotherWorkerHasJustTakenOver() throws Exception {
		String account = account();
		String report = reportOf(account, "test-node", BatchStatus.STARTED, Duration.ZERO, false);
		String worker = "dead-worker-" + account;
		heartbeat(worker, Duration.ofMinutes(10), false);
		JobExecution execution = this.jobRepository
			.getJobExecution(this.reports.findRow(report).orElseThrow().jobExecutionId());
		StepExecution abandoned = partition(execution, "partition0", worker, Duration.ofMinutes(10));
		// Restarted: it carries its last node until its new worker names itself.
		StepExecution takenOver = partition(execution, "partition1", worker, Duration.ZERO);

		this.recovery.recoverStale(Instant.now());

		StepExecution failed = this.jobRepository.getStepExecution(abandoned.getId());
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failed.getExitStatus().getExitDescription())
			.startsWith("the worker " + worker + " stopped answering (last heard of at ");
		assertThat(this.jobRepository.getStepExecution(takenOver.getId()).getStatus()).isEqualTo(BatchStatus.STARTED);
	}

	@Test
	void atStartupOnlyThePartitionsThisNodeStartedBeforeAreRecovered() throws Exception {
		String account = account();
		String report = reportOf(account, "live-" + account, BatchStatus.STARTED, Duration.ZERO, false);
		JobExecution execution = this.jobRepository
			.getJobExecution(this.reports.findRow(report).orElseThrow().jobExecutionId());
		StepExecution leftBehind = partition(execution, "partition0", "test-node", Duration.ofDays(1));
		// E.g. of a report this run queued again, or a request this run took as a worker.
		StepExecution startedByThisRun = partition(execution, "partition1", "test-node", Duration.ZERO);

		this.recovery.recoverOwn();

		StepExecution failed = this.jobRepository.getStepExecution(leftBehind.getId());
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failed.getExitStatus().getExitDescription())
			.isEqualTo("the worker test-node stopped while running it");
		assertThat(this.jobRepository.getStepExecution(startedByThisRun.getId()).getStatus())
			.isEqualTo(BatchStatus.STARTED);
	}

	@Test
	void aFailedReportWhosePartitionsEndWasNeverSavedIsSettledSoThatItRestarts() throws Exception {
		String account = account();
		String report = reportOf(account, "test-node", BatchStatus.STARTED, Duration.ZERO, false);
		JobExecution execution = this.jobRepository
			.getJobExecution(this.reports.findRow(report).orElseThrow().jobExecutionId());
		// The database went away at a partition's commit, and again when its job's listener would have
		// saved the partition as failed: the job is FAILED, the partition UNKNOWN.
		StepExecution partition = partition(execution, "partition0", "test-node", Duration.ofMinutes(10));
		this.jdbc.sql("UPDATE batch_step_execution SET status = 'UNKNOWN' WHERE step_execution_id = ?")
			.params(partition.getId())
			.update();
		this.jdbc.sql("UPDATE batch_job_execution SET status = 'FAILED', end_time = ?, last_updated = ? "
				+ "WHERE job_execution_id = ?")
			.params(LocalDateTime.now().minusMinutes(10), LocalDateTime.now().minusMinutes(10), execution.getId())
			.update();

		this.recovery.recoverLost(Instant.now());

		StepExecution settled = this.jobRepository.getStepExecution(partition.getId());
		assertThat(settled.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(settled.getExitStatus().getExitDescription()).isEqualTo(UnknownOutcomes.REASON);
		assertThat(ok(admin().get("/reports/" + report)).get("statusMessage").asString())
			.isEqualTo(UnknownOutcomes.REASON);
	}

	/** A partition of the execution, started on {@code node} {@code idleFor} ago and not updated since. */
	private StepExecution partition(JobExecution execution, String name, String node, Duration idleFor) {
		StepExecution partition = this.jobRepository.createStepExecution(BillingJob.PARTITION_STEP + ":" + name,
				execution);
		partition.setStartTime(LocalDateTime.now());
		partition.setStatus(BatchStatus.STARTED);
		partition.getExecutionContext().putString(Partitions.NODE, node);
		this.jobRepository.update(partition);
		this.jobRepository.updateExecutionContext(partition);
		this.jdbc.sql("UPDATE batch_step_execution SET start_time = ?, last_updated = ? WHERE step_execution_id = ?")
			.params(LocalDateTime.now().minus(idleFor), LocalDateTime.now().minus(idleFor), partition.getId())
			.update();
		return partition;
	}

	private String account() {
		Fixtures fixtures = new Fixtures(admin());
		String account = unique("rec");
		fixtures.account(account, "UTC", Map.of("base", Fixtures.item("2", "0", "0", 0)));
		fixtures.customer(account + "-c", account, null, "C", null, null);
		return account;
	}

	/**
	 * A report whose job execution another process left in {@code status}, on {@code node}, whose
	 * heartbeat is {@code silentFor} old.
	 */
	private String reportOf(String account, String node, BatchStatus status, Duration silentFor,
			boolean stoppedGracefully) throws Exception {
		String id = UUID.randomUUID().toString();
		Instant now = Instant.now();
		this.reports.insert(new Report(id, account, "Left behind", "2026-07-01", "2026-07-31",
				new BillingPeriod(Instant.parse("2026-07-01T00:00:00Z"), Instant.parse("2026-08-01T00:00:00Z")), false,
				null, null, "test", null, null, null, now), null);
		JobParameters parameters = new JobParametersBuilder().addString("reportId", id).toJobParameters();
		JobInstance instance = this.jobRepository.createJobInstance("billingReportJob", parameters);
		JobExecution execution = this.jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
		if (status == BatchStatus.STARTED) {
			execution.setStartTime(LocalDateTime.now());
			execution.setStatus(BatchStatus.STARTED);
			this.jobRepository.update(execution);
		}
		// Created by a run of that node before this one.
		this.jdbc.sql("UPDATE batch_job_execution SET create_time = ? WHERE job_execution_id = ?")
			.params(LocalDateTime.now().minusDays(1), execution.getId())
			.update();
		this.reports.recordExecution(ReportVersion.first(id), execution.getId(), node);
		if (!node.equals("test-node")) {
			heartbeat(node, silentFor, stoppedGracefully);
		}
		return id;
	}

	/** The node's last heartbeat, as it left it. */
	private void heartbeat(String node, Duration silentFor, boolean stoppedGracefully) {
		OffsetDateTime heartbeat = OffsetDateTime.ofInstant(Instant.now().minus(silentFor), ZoneOffset.UTC);
		this.jdbc.sql("DELETE FROM node_heartbeat WHERE node = ?").param(node).update();
		this.jdbc.sql("INSERT INTO node_heartbeat (node, started_at, heartbeat_at, stopped_at) VALUES (?, ?, ?, ?)")
			.params(node, heartbeat, heartbeat, stoppedGracefully ? heartbeat : null)
			.update();
	}

}
