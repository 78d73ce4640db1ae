package org.billingreports.operations;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.batch.autoconfigure.BatchTaskExecutor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

import org.billingreports.batch.JobCompletions;
import org.billingreports.batch.UnknownOutcomes;
import org.billingreports.billingjob.BillingJob;
import org.billingreports.billingjob.Verifications;
import org.billingreports.billingjob.VerifyJob;
import org.billingreports.calls.CallImportJob;
import org.billingreports.calls.CallImports;
import org.billingreports.billingjob.Partitions;
import org.billingreports.report.ReportLauncher;
import org.billingreports.report.ReportRepository;
import org.billingreports.kernel.ServiceProperties;

/**
 * An execution left running by a process that is gone must not stay {@code Running} for ever. At
 * start-up this node recovers its own: those that were running end in {@code Error} with a message
 * saying the server stopped, those that were queued are queued again. Every 30 seconds it does the
 * same for the executions of nodes whose heartbeat stopped (see {@link NodeHeartbeat}); a node that
 * stopped gracefully keeps its queue for its own next start. Recovered reports and imports are
 * restarted at once when {@code billing.recovery.auto-restart} is set.
 */
@Component
public class ExecutionRecovery {

	private static final Logger log = LoggerFactory.getLogger(ExecutionRecovery.class);

	private final JobRepository jobRepository;

	private final JobOperator jobOperator;

	private final ReportLauncher reportLauncher;

	private final JobCompletions completions;

	private final ThreadPoolTaskExecutor jobExecutor;

	private final ReportRepository reports;

	private final CallImports imports;

	private final Verifications verifications;

	private final JdbcClient jdbc;

	private final NodeHeartbeat heartbeats;

	private final String node;

	private final OperationsProperties.Recovery settings;

	private final boolean background;

	private final Clock clock;

	/** Before any job of this run: what this node created or started earlier, its last run left behind. */
	private final Instant started;

	ExecutionRecovery(JobRepository jobRepository, JobOperator jobOperator, ReportLauncher reportLauncher,
			JobCompletions completions, @BatchTaskExecutor ThreadPoolTaskExecutor jobExecutor,
			ReportRepository reports, CallImports imports, JdbcClient jdbc, NodeHeartbeat heartbeats,
			OperationsProperties properties, ServiceProperties service, Clock clock, Verifications verifications) {
		this.verifications = verifications;
		this.jobRepository = jobRepository;
		this.jobOperator = jobOperator;
		this.reportLauncher = reportLauncher;
		this.completions = completions;
		this.jobExecutor = jobExecutor;
		this.reports = reports;
		this.imports = imports;
		this.jdbc = jdbc;
		this.heartbeats = heartbeats;
		this.node = service.effectiveNodeName();
		this.settings = properties.recovery();
		this.background = service.background();
		this.clock = clock;
		this.started = clock.instant();
	}

	@EventListener(ApplicationReadyEvent.class)
	void atStartup() {
		if (this.background) {
			recoverOwn();
			recoverLost(this.clock.instant());
		}
	}

	@Scheduled(fixedDelayString = "${billing.recovery.sweep-interval:30s}",
			initialDelayString = "${billing.recovery.sweep-interval:30s}")
	void sweep() {
		recoverStale(this.clock.instant());
		recoverLost(this.clock.instant());
	}

	/**
	 * This node's executions, and the partitions it ran as a worker, left behind by its previous run:
	 * not those this run started already (a request taken before start-up ended, a report queued again).
	 */
	public void recoverOwn() {
		for (Owned execution : running()) {
			boolean byEarlierRun = at(execution.execution().getCreateTime()).isBefore(this.started);
			if (this.node.equals(execution.node()) && byEarlierRun) {
				recover(execution, "The server " + this.node + " stopped while this ran; restart it", true);
			}
		}
		recoverPartitions((node, partition) -> (this.node.equals(node)
				&& at(partition.getStartTime(), partition.getCreateTime()).isBefore(this.started))
						? "the worker " + node + " stopped while running it" : null);
	}

	/** Other nodes' executions, when those nodes have been silent longer than allowed. */
	public void recoverStale(Instant now) {
		Instant limit = now.minus(this.settings.staleAfter());
		Map<String, NodeHeartbeat.Node> nodes = nodes();
		for (Owned execution : running()) {
			NodeHeartbeat.Node owner = (execution.node() != null) ? nodes.get(execution.node()) : null;
			JobExecution job = execution.execution();
			boolean savedLately = at(job.getLastUpdated(), job.getCreateTime()).isAfter(limit);
			if (this.node.equals(execution.node()) || (owner != null && owner.heartbeatAt().isAfter(limit))
					|| (owner == null && savedLately)) {
				continue;
			}
			boolean queued = execution.execution().getStatus() == BatchStatus.STARTING;
			if (queued && owner != null && owner.stoppedGracefully()) {
				continue;
			}
			recover(execution, "The server " + execution.node() + " running this stopped responding; restart it",
					queued);
		}
		recoverPartitions((node, partition) -> {
			NodeHeartbeat.Node worker = nodes.get(node);
			// A partition updated lately is alive: a restarted one carries its last node until its new
			// worker names itself, and that node may be the dead one.
			boolean savedLately = at(partition.getLastUpdated(), partition.getCreateTime()).isAfter(limit);
			if (this.node.equals(node) || (worker != null && worker.heartbeatAt().isAfter(limit)
					&& !worker.stoppedGracefully()) || savedLately) {
				return null;
			}
			return "the worker " + node + " stopped answering"
					+ ((worker != null) ? " (last heard of at " + worker.heartbeatAt() + ")" : "");
		});
	}

	/**
	 * Executions the database lost track of while it was away: those that ended with an unknown outcome,
	 * and this node's that its job threads no longer run but whose end could not be saved. Both are
	 * failed with a reason, and restartable (restarted at once with {@code auto-restart}).
	 */
	public void recoverLost(Instant now) {
		Instant settled = now.minus(this.settings.sweepInterval());
		for (Owned owned : withUnknownOutcome()) {
			// One that still runs here (its listeners at work) fails itself, in ReadableFailures.
			if (!this.completions.isRunningHere(owned.execution().getId()) && lastSaved(owned).isBefore(settled)) {
				failLost(owned, UnknownOutcomes.REASON, UnknownOutcomes::isUnknown);
			}
		}
		boolean nothingQueued = this.jobExecutor.getThreadPoolExecutor().getQueue().isEmpty();
		Instant stale = now.minus(this.settings.staleAfter());
		for (Owned owned : running()) {
			JobExecution job = owned.execution();
			if (!this.node.equals(owned.node()) || this.completions.isRunningHere(job.getId())) {
				continue;
			}
			boolean begun = job.getStatus() == BatchStatus.STARTED || job.getStatus() == BatchStatus.STOPPING;
			// Still STARTING with nothing left in the queue: its first save failed, and its thread gave up.
			boolean neverBegun = job.getStatus() == BatchStatus.STARTING && nothingQueued
					&& lastSaved(owned).isBefore(stale);
			if ((begun && lastSaved(owned).isBefore(settled)) || neverBegun) {
				failLost(owned, "The database was away while this ran on " + this.node
						+ ", so its end could not be saved; restart it (nothing already stored is stored twice)",
						again -> again.getStatus() == job.getStatus()
								&& Objects.equals(again.getLastUpdated(), job.getLastUpdated()));
			}
		}
	}

	private static Instant lastSaved(Owned owned) {
		return at(owned.execution().getLastUpdated(), owned.execution().getCreateTime());
	}

	/**
	 * @param stillLost whether the execution, read again now that it is known not to run here, is in
	 * the state it was found in: one that ended in between (its end saved after the first read) is not lost
	 */
	private void failLost(Owned owned, String reason, Predicate<JobExecution> stillLost) {
		JobExecution execution = this.jobRepository.getJobExecution(owned.execution().getId());
		if (execution == null || !stillLost.test(execution)) {
			return;
		}
		UnknownOutcomes.fail(execution, reason, this.jobRepository);
		log.warn("Recovered job execution {} of {}: {}", execution.getId(), owned.key(), reason);
		if (this.settings.autoRestart()) {
			relaunch(owned, execution);
		}
	}

	/**
	 * Partitions of running reports (remote partitioning) whose worker is gone: they are marked failed,
	 * so that the node waiting for them ends the report in Error, and a restart sends them again.
	 * @param lost why the partition, run by that node, is lost, or {@code null} when it is not
	 */
	private void recoverPartitions(BiFunction<String, StepExecution, String> lost) {
		for (JobExecution running : this.jobRepository.findRunningJobExecutions(BillingJob.NAME)) {
			JobExecution stored = this.jobRepository.getJobExecution(running.getId());
			for (StepExecution partition : (stored != null) ? stored.getStepExecutions() : List.<StepExecution>of()) {
				String worker = partition.getExecutionContext().getString(Partitions.NODE, null);
				String reason = (worker != null && partition.getStatus() == BatchStatus.STARTED
						&& BillingJob.isPartition(partition)) ? lost.apply(worker, partition) : null;
				if (reason == null) {
					continue;
				}
				try {
					Partitions.fail(partition, reason, this.jobRepository);
					log.warn("Recovered {} of job execution {}: {}", partition.getStepName(), running.getId(), reason);
				}
				catch (OptimisticLockingFailureException committedMeanwhile) {
					// The worker is alive after all: it committed since it was read.
				}
			}
		}
	}

	/**
	 * @param relaunch whether to queue it again at once: for an execution that never began, or one of
	 * this node's that was queued when it stopped
	 */
	private void recover(Owned owned, String message, boolean relaunchIfQueued) {
		JobExecution execution = owned.execution();
		boolean queued = execution.getStatus() == BatchStatus.STARTING;
		execution.setExitStatus(new ExitStatus(ExitStatus.FAILED.getExitCode(), message));
		this.jobOperator.recover(execution);
		log.warn("Recovered job execution {} of {} ({}): {}", execution.getId(), owned.key(), execution.getStatus(),
				message);
		if ((queued && relaunchIfQueued) || (!queued && this.settings.autoRestart())) {
			relaunch(owned, execution);
		}
	}

	private void relaunch(Owned owned, JobExecution recovered) {
		if (owned.kind() == Kind.VERIFICATION) {
			// Only reads: whoever asked for it asks again.
			return;
		}
		try {
			JobExecution next = this.jobRepository.getJobExecution(recovered.getId());
			if (owned.kind() == Kind.REPORT) {
				this.reportLauncher.restart(BillingJob.runOf(next.getJobParameters()), next);
			}
			else {
				this.imports.resume(owned.key(), next);
			}
			log.info("Queued {} again after recovering execution {}", owned.key(), recovered.getId());
		}
		catch (Exception ex) {
			log.warn("Could not queue {} again; it is left in Error for a restart: {}", owned.key(), ex.toString());
		}
	}

	/** The running executions of the jobs, each with the node that holds it. */
	private List<Owned> running() {
		List<JobExecution> running = new ArrayList<>(this.jobRepository.findRunningJobExecutions(BillingJob.NAME));
		running.addAll(this.jobRepository.findRunningJobExecutions(CallImportJob.NAME));
		running.addAll(this.jobRepository.findRunningJobExecutions(VerifyJob.NAME));
		return owned(running);
	}

	/** Ended executions of both jobs in this status, each with the node that ran it. */
	/**
	 * Ended executions with an unknown outcome, of the job or of a step only (a partition that met the
	 * database away fails its job, whose listener could not save the partition as failed either).
	 */
	private List<Owned> withUnknownOutcome() {
		List<JobExecution> unknown = this.jdbc
			.sql("SELECT e.job_execution_id FROM batch_job_execution e JOIN batch_job_instance i "
					+ "ON i.job_instance_id = e.job_instance_id WHERE i.job_name IN (?, ?) AND (e.status = ? "
					+ "OR (e.status IN (?, ?) AND EXISTS (SELECT 1 FROM batch_step_execution s "
					+ "WHERE s.job_execution_id = e.job_execution_id AND s.status = ?)))")
			.params(BillingJob.NAME, CallImportJob.NAME, BatchStatus.UNKNOWN.name(), BatchStatus.FAILED.name(),
					BatchStatus.STOPPED.name(), BatchStatus.UNKNOWN.name())
			.query(Long.class)
			.list()
			.stream()
			.map(this.jobRepository::getJobExecution)
			.filter(Objects::nonNull)
			.toList();
		return owned(unknown);
	}

	/** Each execution with the report or import it runs, and the node that holds it. */
	private List<Owned> owned(List<JobExecution> executions) {
		List<Owned> owned = new ArrayList<>();
		for (JobExecution execution : executions) {
			String job = execution.getJobInstance().getJobName();
			if (job.equals(BillingJob.NAME)) {
				String reportId = execution.getJobParameters().getString(BillingJob.REPORT_ID);
				owned.add(new Owned(execution, reportId, this.reports.nodeOf(execution.getId()).orElse(null),
						Kind.REPORT));
			}
			else if (job.equals(VerifyJob.NAME)) {
				String verificationId = execution.getJobParameters().getString(VerifyJob.VERIFICATION_ID);
				owned.add(new Owned(execution, verificationId,
						this.verifications.nodeOf(verificationId).orElse(null), Kind.VERIFICATION));
			}
			else {
				String importId = execution.getJobParameters().getString(CallImportJob.IMPORT_ID);
				owned.add(new Owned(execution, importId, this.imports.nodeOf(importId).orElse(null), Kind.IMPORT));
			}
		}
		return owned;
	}

	private Map<String, NodeHeartbeat.Node> nodes() {
		return this.heartbeats.nodes().stream().collect(Collectors.toMap(NodeHeartbeat.Node::name, node -> node));
	}

	/**
	 * A time of a job or step execution, e.g. when it was last saved, or else created (Batch keeps local
	 * times of this JVM's zone).
	 */
	private static Instant at(LocalDateTime time, LocalDateTime created) {
		return at((time != null) ? time : created);
	}

	private static Instant at(LocalDateTime time) {
		return time.atZone(ZoneId.systemDefault()).toInstant();
	}

	private enum Kind {

		REPORT, IMPORT, VERIFICATION

	}

	private record Owned(JobExecution execution, String key, String node, Kind kind) {
	}

}
