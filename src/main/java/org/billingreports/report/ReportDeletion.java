package org.billingreports.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import org.billingreports.batch.JobCompletions;
import org.billingreports.kernel.ReportVersion;
import org.billingreports.statement.ReportFiles;
import org.billingreports.kernel.ApiException;
import org.billingreports.security.Caller;

/**
 * Deletes a report: stops it first if it is running, then removes its files, billing rows and lines,
 * notifications, the report itself, and its job instance's history in the job repository.
 */
@Component
public class ReportDeletion {

	static final Duration STOP_WAIT = Duration.ofSeconds(10);

	private final JdbcClient jdbc;

	private final JobRepository jobRepository;

	private final ReportLauncher launcher;

	private final JobCompletions completions;

	private final ReportAccess access;

	private final ReportFiles files;

	private final TransactionTemplate transaction;

	private final ReportRepository reports;

	ReportDeletion(JdbcClient jdbc, JobRepository jobRepository, ReportLauncher launcher, JobCompletions completions,
			ReportAccess access, ReportFiles files, TransactionTemplate transaction, ReportRepository reports) {
		this.reports = reports;
		this.jdbc = jdbc;
		this.jobRepository = jobRepository;
		this.launcher = launcher;
		this.completions = completions;
		this.access = access;
		this.files = files;
		this.transaction = transaction;
	}

	/**
	 * {@code DELETE /reports/{id}}: a running report is stopped at its next chunk boundary (on whichever
	 * node runs it) and deleted once it has stopped; one that does not stop within {@code STOP_WAIT}
	 * answers 409.
	 */
	public void delete(String id, Caller caller) throws InterruptedException {
		ReportRepository.ReportRow row = this.access.actionable(id, caller, "delete");
		// Only the newest version can be running: a version is made once the one before it has ended.
		Long newest = row.newest().jobExecutionId();
		JobExecution execution = (newest != null) ? this.jobRepository.getJobExecution(newest) : null;
		if (execution != null && execution.isRunning()) {
			this.launcher.stop(execution);
			JobExecution stopped = this.completions.await(execution.getId(), STOP_WAIT);
			if (stopped != null && !JobCompletions.hasEnded(stopped)) {
				throw ApiException.conflict("Stopping", "Report '" + id
						+ "' is stopping at its next chunk boundary; delete it again in a moment");
			}
		}
		delete(id);
	}

	/** Deletes a report that is not running, with every version and everything that belongs to them. */
	public void delete(String reportId) {
		List<ReportVersion> versions = this.reports.versions(reportId)
			.stream()
			.map(ReportRepository.VersionRow::run)
			.toList();
		this.transaction.executeWithoutResult(status -> {
			Set<Long> instances = new LinkedHashSet<>();
			for (Long executionId : this.reports.executionIds(reportId)) {
				JobExecution execution = this.jobRepository.getJobExecution(executionId);
				if (execution != null) {
					instances.add(execution.getJobInstanceId());
				}
			}
			this.jdbc.sql("DELETE FROM billing_row WHERE report_id = ?").param(reportId).update();
			this.jdbc.sql("DELETE FROM billing_line WHERE report_id = ?").param(reportId).update();
			// Versions (their statements, decks, out-of-date reasons), notifications, scope, idempotency keys and
			// executions go with the report (ON DELETE CASCADE).
			this.jdbc.sql("DELETE FROM billing_report WHERE id = ?").param(reportId).update();
			for (Long instanceId : instances) {
				JobInstance instance = this.jobRepository.getJobInstance(instanceId);
				if (instance != null) {
					this.jobRepository.deleteJobInstance(instance);
				}
			}
		});
		try {
			for (ReportVersion version : versions) {
				this.files.deleteAll(version);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The files of report " + reportId + " could not be deleted", ex);
		}
	}

}
