package org.billingreports.batch;

import java.time.LocalDateTime;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * An execution whose last chunk ended with an unknown outcome (the database connection went away at
 * its commit) is {@code UNKNOWN} to Spring Batch, which will not restart it: "manual intervention is
 * probably necessary". Here every write is idempotent (a billing row or call record written twice is
 * stored once), so the intervention is simple: the execution and its unknown or unfinished steps are
 * marked failed, with a reason a person can read, and a restart resumes after the last committed chunk.
 */
public final class UnknownOutcomes {

	/** What a report or import in this state says, unless a more precise reason is known. */
	public static final String REASON = "The connection to the database was lost while this ran, so its last "
			+ "step could not be saved; restart it (nothing already stored is stored twice)";

	private UnknownOutcomes() {
	}

	/** Whether the execution, or a step of it, ended with an unknown outcome. */
	public static boolean isUnknown(JobExecution execution) {
		return execution.getStatus() == BatchStatus.UNKNOWN
				|| execution.getStepExecutions().stream().anyMatch(step -> step.getStatus() == BatchStatus.UNKNOWN);
	}

	/** Marks the execution, and each of its steps that is unknown or still marked running, failed. */
	public static void fail(JobExecution execution, String reason, JobRepository jobRepository) {
		for (StepExecution step : execution.getStepExecutions()) {
			if (step.getStatus() == BatchStatus.UNKNOWN || step.getStatus().isRunning()) {
				step.setStatus(BatchStatus.FAILED);
				step.setExitStatus(new ExitStatus(ExitStatus.FAILED.getExitCode(), reason));
				if (step.getEndTime() == null) {
					step.setEndTime(LocalDateTime.now());
				}
				jobRepository.update(step);
			}
		}
		execution.setStatus(BatchStatus.FAILED);
		execution.setExitStatus(new ExitStatus(ExitStatus.FAILED.getExitCode(), reason));
		if (execution.getEndTime() == null) {
			execution.setEndTime(LocalDateTime.now());
		}
		jobRepository.update(execution);
	}

}
