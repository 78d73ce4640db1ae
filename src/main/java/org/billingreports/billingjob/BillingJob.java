package org.billingreports.billingjob;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;

import org.billingreports.kernel.ReportVersion;

/** The names of {@code billingReportJob}, its steps and its parameter, for those who launch and watch it. */
public final class BillingJob {

	public static final String NAME = "billingReportJob";

	/** An identifying job parameter: one job instance per report and {@link #VERSION}. */
	public static final String REPORT_ID = "reportId";

	/**
	 * The other identifying job parameter: the report's version (1, 2, …) that the instance runs. Job
	 * instances of reports made before versions have none: they run version 1.
	 */
	public static final String VERSION = "version";

	/** The rating step, which splits the call records into partitions. */
	static final String RATE_STEP = "rateCallsStep";

	/** The step each partition runs; its executions are named {@code rateCallsStep-partition:partitionN}. */
	public static final String PARTITION_STEP = RATE_STEP + "-partition";

	static final String FILE_STEP = "billingFileStep";

	/**
	 * Call records a partition has rated, in its step execution context (its items are id ranges, so
	 * its read and write counts count ranges).
	 */
	public static final String CALLS_RATED = "rating.rated";

	private BillingJob() {
	}

	public static JobParameters parameters(ReportVersion run) {
		return new JobParametersBuilder().addString(REPORT_ID, run.reportId())
			.addLong(VERSION, (long) run.version())
			.toJobParameters();
	}

	/** The report version an execution runs. */
	public static ReportVersion runOf(JobParameters parameters) {
		Long version = parameters.getLong(VERSION);
		return new ReportVersion(parameters.getString(REPORT_ID), (version != null) ? version.intValue() : 1);
	}

	/** Whether the step execution is one of the rating step's partitions. */
	public static boolean isPartition(StepExecution step) {
		return step.getStepName().startsWith(PARTITION_STEP + ":");
	}

}
