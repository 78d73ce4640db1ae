package org.billingreports.billingjob;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;

/** The names of {@code billingReportJob}, its steps and its parameter, for those who launch and watch it. */
public final class BillingJob {

	public static final String NAME = "billingReportJob";

	/** The identifying job parameter: one job instance per report. */
	public static final String REPORT_ID = "reportId";

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

	public static JobParameters parameters(String reportId) {
		return new JobParametersBuilder().addString(REPORT_ID, reportId).toJobParameters();
	}

	/** Whether the step execution is one of the rating step's partitions. */
	public static boolean isPartition(StepExecution step) {
		return step.getStepName().startsWith(PARTITION_STEP + ":");
	}

}
