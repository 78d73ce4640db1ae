package org.billingreports.billingjob;

import java.time.LocalDateTime;

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

	/**
	 * Where a report's job stands, as its execution was last saved.
	 * @param phase {@code Starting}, {@code Rating}, {@code Writing} (the billing file) or {@code Stopping}
	 * @param rated call records rated, as committed, earlier executions included
	 * @param total call records of the report, or -1 before the rating step counted them
	 * @param ratingStarted when this execution's rating step began, or {@code null}
	 */
	public record Snapshot(String phase, long rated, long total, int partitions, int partitionsDone,
			LocalDateTime ratingStarted) {
	}

	/** The execution's progress, from its steps' saved contexts. */
	public static Snapshot of(JobExecution execution) {
		StepExecution rating = null;
		long rated = 0;
		int partitions = 0;
		int done = 0;
		boolean writing = false;
		for (StepExecution step : execution.getStepExecutions()) {
			writing |= BillingJob.FILE_STEP.equals(step.getStepName()) && step.getStatus().isRunning();
			if (BillingJob.RATE_STEP.equals(step.getStepName())) {
				rating = step;
			}
			else if (BillingJob.isPartition(step)) {
				// What each partition has rated, as committed.
				rated += step.getExecutionContext().getLong(RangeRater.RATED, 0);
				partitions++;
				done += (step.getStatus() == BatchStatus.COMPLETED) ? 1 : 0;
			}
		}
		long total = (rating != null) ? total(rating) : -1;
		boolean counted = total >= 0;
		rated += counted ? rating.getExecutionContext().getLong(RATED_EARLIER, 0) : 0;
		String phase = (execution.getStatus() == BatchStatus.STOPPING) ? "Stopping"
				: writing ? "Writing" : counted ? "Rating" : "Starting";
		return new Snapshot(phase, rated, total, partitions, done, (rating != null) ? rating.getStartTime() : null);
	}

	/** The report's call records, as the rating step counted them when it first started; -1 before. */
	static long total(StepExecution rating) {
		return rating.getExecutionContext().getLong(TOTAL, -1);
	}

	/** E.g. "Rated 120000 of 480000 call records; 1 of 4 partitions done". */
	public static String describe(JobExecution execution) {
		Snapshot progress = of(execution);
		return switch (progress.phase()) {
			case "Stopping" -> "Stopping at the next chunk boundary";
			case "Writing" -> "Writing the billing file";
			case "Starting" -> "Starting";
			default -> "Rated " + progress.rated() + " of " + progress.total() + " call records"
					+ ((progress.partitions() > 1)
							? "; " + progress.partitionsDone() + " of " + progress.partitions() + " partitions done"
							: "");
		};
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
			ReportToBill report = this.reports.toBill(BillingJob.runOf(stepExecution.getJobParameters()));
			ReportCalls.Span span = new ReportCalls(report).span(this.jdbc);
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
