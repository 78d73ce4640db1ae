package org.billingreports.billingjob;

import java.time.LocalDateTime;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import org.billingreports.batch.ReadableFailures;
import org.billingreports.report.Report;
import org.billingreports.report.ReportLauncher;
import org.billingreports.report.ReportRepository;

/**
 * The rating step's span of call records, and the progress of a running billing job for
 * {@code statusMessage}: the rating step counts its call records when it first starts, and the
 * committed read counts of its partitions say how far it got.
 */
public final class BillingJobProgress {

	/** The rating step, which splits the call records into partitions. */
	static final String RATE_STEP = "rateCallsStep";

	/** The step each partition runs; its executions are named {@code rateCallsStep-partition:partitionN}. */
	public static final String PARTITION_STEP = RATE_STEP + "-partition";

	/** Where a partition's step execution says which node runs it. */
	public static final String NODE = ReadableFailures.NODE;

	static final String FILE_STEP = "billingFileStep";

	private static final String TOTAL = "rating.total";

	/** What partitions that completed in earlier executions rated: a restart does not run them again. */
	private static final String RATED_EARLIER = "rating.earlier";

	private BillingJobProgress() {
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
			if (FILE_STEP.equals(step.getStepName()) && step.getStatus().isRunning()) {
				return "Writing the billing file";
			}
			if (RATE_STEP.equals(step.getStepName())) {
				rating = step;
			}
			else if (isPartition(step)) {
				// The readers' committed positions, which count what earlier executions read too.
				rated += step.getExecutionContext().getInt(ReportCalls.READ_COUNT, 0);
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

	/** Whether the step execution is one of the rating step's partitions. */
	public static boolean isPartition(StepExecution step) {
		return step.getStepName().startsWith(PARTITION_STEP + ":");
	}

	/**
	 * Marks a partition lost: failed, with the reason as its exit description, so that the rating
	 * step ends and a restart runs it again.
	 * @throws org.springframework.dao.OptimisticLockingFailureException if its worker committed since
	 * it was read
	 */
	public static void failPartition(StepExecution partition, String reason, JobRepository jobRepository) {
		partition.setStatus(BatchStatus.FAILED);
		partition.setExitStatus(new ExitStatus(ExitStatus.FAILED.getExitCode(), reason));
		partition.setEndTime(LocalDateTime.now());
		jobRepository.update(partition);
	}

	/** Records which node runs a partition, at once: recovery and failure reasons need it. */
	static StepExecutionListener node(String nodeName, JobRepository jobRepository) {
		return new StepExecutionListener() {
			@Override
			public void beforeStep(StepExecution stepExecution) {
				stepExecution.getExecutionContext().putString(NODE, nodeName);
				jobRepository.updateExecutionContext(stepExecution);
			}
		};
	}

	/** The ids the partitioner splits, saved in the rating step's context when it first started. */
	static CallRangePartitioner partitioner(ExecutionContext ratingStep) {
		return new CallRangePartitioner(ratingStep.getLong(CallRangePartitioner.MIN_ID),
				ratingStep.getLong(CallRangePartitioner.MAX_ID));
	}

	/**
	 * Counts the report's call records and finds their ids as the rating step first starts, and saves
	 * that at once so that progress shows before the first chunk commits; on a restart, adds up what
	 * the partitions that will not run again rated.
	 */
	static StepExecutionListener counter(ReportRepository reports, NamedParameterJdbcTemplate jdbc,
			JobRepository jobRepository) {
		return new StepExecutionListener() {
			@Override
			public void beforeStep(StepExecution stepExecution) {
				ExecutionContext context = stepExecution.getExecutionContext();
				if (!context.containsKey(TOTAL)) {
					String reportId = stepExecution.getJobParameters().getString(ReportLauncher.REPORT_ID);
					ReportCalls.Span span = new ReportCalls(report(reports, reportId)).span(jdbc);
					context.putLong(TOTAL, span.count());
					context.putLong(CallRangePartitioner.MIN_ID, (span.count() > 0) ? span.minId() : 1);
					context.putLong(CallRangePartitioner.MAX_ID, (span.count() > 0) ? span.maxId() : 0);
				}
				else {
					context.putLong(RATED_EARLIER, ratedByCompletedPartitions(stepExecution, jobRepository));
				}
				jobRepository.updateExecutionContext(stepExecution);
			}
		};
	}

	private static long ratedByCompletedPartitions(StepExecution rating, JobRepository jobRepository) {
		long rated = 0;
		for (JobExecution earlier : jobRepository.getJobExecutions(rating.getJobExecution().getJobInstance())) {
			if (earlier.getId() == rating.getJobExecutionId()) {
				continue;
			}
			for (StepExecution step : earlier.getStepExecutions()) {
				if (isPartition(step) && step.getStatus() == BatchStatus.COMPLETED) {
					rated += step.getExecutionContext().getInt(ReportCalls.READ_COUNT, 0);
				}
			}
		}
		return rated;
	}

	/** The report a job works for; it may have been deleted while the job waited. */
	static Report report(ReportRepository reports, String reportId) {
		return reports.find(reportId)
			.orElseThrow(() -> new IllegalStateException("report " + reportId + " no longer exists"));
	}

}
