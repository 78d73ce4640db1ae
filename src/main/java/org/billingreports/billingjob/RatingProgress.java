package org.billingreports.billingjob;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * How far a running billing job has got, for {@code statusMessage}: the rating step counts its call
 * records (and finds their ids) when it first starts, and the committed read counts of its partitions
 * say how many are rated.
 */
public final class RatingProgress implements StepExecutionListener {

	private static final String TOTAL = "rating.total";

	/** What partitions that completed in earlier executions rated: a restart does not run them again. */
	private static final String RATED_EARLIER = "rating.earlier";

	private final ReportDefinitions reports;

	private final NamedParameterJdbcTemplate jdbc;

	private final JobRepository jobRepository;

	RatingProgress(ReportDefinitions reports, NamedParameterJdbcTemplate jdbc, JobRepository jobRepository) {
		this.reports = reports;
		this.jdbc = jdbc;
		this.jobRepository = jobRepository;
	}

	/** E.g. "Rated 120000 of 480000 call records; 1 of 4 partitions done". */
	public static String describe(JobExecution execution) {
		if (execution.getStatus() == BatchStatus.STOPPING) {
			return "Stopping at the next chunk boundary";
		}
		StepExecution rating = null;
		long rated = 0;
		int partitions = 0;
		int done = 0;
		for (StepExecution step : execution.getStepExecutions()) {
			if (BillingJob.FILE_STEP.equals(step.getStepName()) && step.getStatus().isRunning()) {
				return "Writing the billing file";
			}
			if (BillingJob.RATE_STEP.equals(step.getStepName())) {
				rating = step;
			}
			else if (BillingJob.isPartition(step)) {
				// What each partition has rated, as committed, earlier executions included.
				rated += step.getExecutionContext().getLong(RangeRater.RATED, 0);
				partitions++;
				done += (step.getStatus() == BatchStatus.COMPLETED) ? 1 : 0;
			}
		}
		if (rating == null || !rating.getExecutionContext().containsKey(TOTAL)) {
			return "Starting";
		}
		ExecutionContext context = rating.getExecutionContext();
		return "Rated " + (rated + context.getLong(RATED_EARLIER, 0)) + " of " + context.getLong(TOTAL)
				+ " call records" + ((partitions > 1) ? "; " + done + " of " + partitions + " partitions done" : "");
	}

	/**
	 * Counts the report's call records and finds their ids as the rating step first starts, and saves
	 * that at once so that progress shows before the first chunk commits; on a restart, adds up what the
	 * partitions that will not run again rated.
	 */
	@Override
	public void beforeStep(StepExecution stepExecution) {
		ExecutionContext context = stepExecution.getExecutionContext();
		if (!context.containsKey(TOTAL)) {
			String reportId = stepExecution.getJobParameters().getString(BillingJob.REPORT_ID);
			ReportCalls.Span span = new ReportCalls(this.reports.toBill(reportId)).span(this.jdbc);
			context.putLong(TOTAL, span.count());
			context.putLong(CallRangePartitioner.MIN_ID, (span.count() > 0) ? span.minId() : 1);
			context.putLong(CallRangePartitioner.MAX_ID, (span.count() > 0) ? span.maxId() : 0);
		}
		else {
			context.putLong(RATED_EARLIER, ratedByCompletedPartitions(stepExecution));
		}
		this.jobRepository.updateExecutionContext(stepExecution);
	}

	private long ratedByCompletedPartitions(StepExecution rating) {
		long rated = 0;
		for (JobExecution earlier : this.jobRepository.getJobExecutions(rating.getJobExecution().getJobInstance())) {
			if (earlier.getId() == rating.getJobExecutionId()) {
				continue;
			}
			for (StepExecution step : earlier.getStepExecutions()) {
				if (BillingJob.isPartition(step) && step.getStatus() == BatchStatus.COMPLETED) {
					rated += step.getExecutionContext().getLong(RangeRater.RATED, 0);
				}
			}
		}
		return rated;
	}

}
