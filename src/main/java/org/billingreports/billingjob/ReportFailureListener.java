package org.billingreports.billingjob;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Replaces a failed execution's exit description (a stack trace) with a reason a person can act on;
 * it becomes the report's {@code statusMessage}.
 */
class ReportFailureListener implements JobExecutionListener {

	static final int MAX_MESSAGE = 500;

	@Override
	public void afterJob(JobExecution execution) {
		if (execution.getStatus() == BatchStatus.STOPPED) {
			execution.setExitStatus(new ExitStatus(ExitStatus.STOPPED.getExitCode(),
					"The report was stopped before it completed; restart it to finish"));
		}
		else if (execution.getStatus() == BatchStatus.FAILED) {
			execution.setExitStatus(new ExitStatus(ExitStatus.FAILED.getExitCode(), describe(execution)));
		}
	}

	private static String describe(JobExecution execution) {
		String stage = "The report failed";
		Throwable failure = null;
		for (StepExecution step : execution.getStepExecutions()) {
			if (step.getStatus() == BatchStatus.FAILED) {
				stage = BillingJobProgress.RATE_STEP.equals(step.getStepName())
						? "Rating call records failed" : "Writing the billing file failed";
				failure = step.getFailureExceptions().isEmpty() ? null : step.getFailureExceptions().get(0);
			}
		}
		if (failure == null && !execution.getAllFailureExceptions().isEmpty()) {
			failure = execution.getAllFailureExceptions().get(0);
		}
		String message = stage + ": " + reason(failure) + ". Restart the report once the cause is fixed.";
		return (message.length() <= MAX_MESSAGE) ? message : message.substring(0, MAX_MESSAGE - 1) + "…";
	}

	/** The innermost cause's message: the one that names what went wrong. */
	private static String reason(Throwable failure) {
		if (failure == null) {
			return "no cause was recorded";
		}
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		return (message == null || message.isBlank()) ? root.getClass().getSimpleName() : message.strip();
	}

}
