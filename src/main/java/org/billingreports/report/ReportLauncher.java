package org.billingreports.report;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import org.billingreports.batch.JobCompletions;
import org.billingreports.billingjob.BillingJob;
import org.billingreports.kernel.ApiException;
import org.billingreports.kernel.ReportVersion;
import org.billingreports.kernel.ServiceProperties;

/**
 * Launches a report's job through the {@link JobOperator}, which returns at once with the execution
 * {@code STARTING} (Queued) and runs it on the bounded job executor, and records which node holds it.
 */
@Component
public class ReportLauncher {

	private final JobOperator jobOperator;

	private final Job billingReportJob;

	private final ReportRepository reports;

	private final String node;

	private final JobCompletions completions;

	ReportLauncher(JobOperator jobOperator, @Qualifier(BillingJob.NAME) Job billingReportJob, ReportRepository reports,
			ServiceProperties properties, JobCompletions completions) {
		this.completions = completions;
		this.jobOperator = jobOperator;
		this.billingReportJob = billingReportJob;
		this.reports = reports;
		this.node = properties.effectiveNodeName();
	}

	public String node() {
		return this.node;
	}

	/** Launches a version's job instance, a new one; for a first version, the report is its request. */
	public JobExecution launch(ReportVersion run) throws Exception {
		JobExecution execution = this.jobOperator.start(this.billingReportJob, BillingJob.parameters(run));
		this.reports.recordExecution(run, execution.getId(), this.node);
		if (execution.getStatus() == BatchStatus.FAILED) {
			// The executor's queue refused it: nothing ran, so the request is refused as a whole.
			if (run.version() == 1) {
				this.reports.delete(run.reportId());
			}
			else {
				this.reports.deleteVersion(run);
			}
			throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "QueueFull",
					"This server's report queue is full; try again in a few minutes");
		}
		return execution;
	}

	/**
	 * A new execution of the version's job instance, resuming after the last committed chunk; a version
	 * whose launch never got as far as an execution is launched afresh.
	 */
	public JobExecution restart(ReportVersion run, JobExecution last) throws Exception {
		if (last == null) {
			return launch(run);
		}
		JobExecution execution;
		try {
			this.completions.settleUnknown(last);
			execution = this.jobOperator.restart(last);
		}
		catch (JobRestartException ex) {
			throw ApiException.conflict("NotRestartable", "Report '" + run.reportId() + "' cannot be restarted now: "
					+ rootMessage(ex));
		}
		this.reports.recordExecution(run, execution.getId(), this.node);
		return execution;
	}

	/** Asks the execution to stop at its next chunk boundary; one that ended meanwhile is left as it is. */
	void stop(JobExecution execution) {
		try {
			this.jobOperator.stop(execution);
		}
		catch (JobExecutionNotRunningException alreadyEnded) {
			// It ended between the read and the stop: nothing to stop.
		}
	}

	private static String rootMessage(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return root.getMessage();
	}

}
