package org.billingreports.billingjob;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import org.billingreports.report.Report;
import org.billingreports.report.ReportLauncher;
import org.billingreports.report.ReportRepository;

/**
 * Progress of a running billing job, for {@code statusMessage}: the rating step counts its call
 * records when it starts, and its committed read count says how far it got.
 */
public final class BillingJobProgress {

	static final String RATE_STEP = "rateCallsStep";

	static final String FILE_STEP = "billingFileStep";

	private static final String TOTAL = "rating.total";

	private BillingJobProgress() {
	}

	/** E.g. "Rated 120000 of 480000 call records". */
	public static String describe(JobExecution execution) {
		if (execution.getStatus() == BatchStatus.STOPPING) {
			return "Stopping at the next chunk boundary";
		}
		for (StepExecution step : execution.getStepExecutions()) {
			if (!step.getStatus().isRunning()) {
				continue;
			}
			if (FILE_STEP.equals(step.getStepName())) {
				return "Writing the billing file";
			}
			if (RATE_STEP.equals(step.getStepName()) && step.getExecutionContext().containsKey(TOTAL)) {
				// The reader's committed position counts what earlier executions rated too.
				return "Rated " + step.getExecutionContext().getInt(ReportCalls.READ_COUNT, 0) + " of "
						+ step.getExecutionContext().getLong(TOTAL) + " call records";
			}
		}
		return "Starting";
	}

	/**
	 * Counts the report's call records as the rating step starts, and saves the count at once so that
	 * progress shows before the first chunk commits.
	 */
	static StepExecutionListener counter(ReportRepository reports, NamedParameterJdbcTemplate jdbc,
			JobRepository jobRepository) {
		return new StepExecutionListener() {
			@Override
			public void beforeStep(StepExecution stepExecution) {
				if (!stepExecution.getExecutionContext().containsKey(TOTAL)) {
					String reportId = stepExecution.getJobParameters().getString(ReportLauncher.REPORT_ID);
					stepExecution.getExecutionContext()
						.putLong(TOTAL, new ReportCalls(report(reports, reportId)).count(jdbc));
					jobRepository.updateExecutionContext(stepExecution);
				}
			}
		};
	}

	/** The report a job works for; it may have been deleted while the job waited. */
	static Report report(ReportRepository reports, String reportId) {
		return reports.find(reportId)
			.orElseThrow(() -> new IllegalStateException("report " + reportId + " no longer exists"));
	}

}
