package org.billingreports.billingjob;

import java.time.LocalDateTime;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

import org.billingreports.batch.ReadableFailures;

/** The rating step's partitions as others see them: which node runs one, and how one is given up. */
public final class Partitions {

	/** Where a partition's step execution says which node runs it. */
	public static final String NODE = ReadableFailures.NODE;

	private Partitions() {
	}

	/**
	 * Marks a partition lost: failed, with the reason as its exit description, so that the rating step
	 * ends and a restart runs it again.
	 * @throws org.springframework.dao.OptimisticLockingFailureException if its worker committed since
	 * it was read
	 */
	public static void fail(StepExecution partition, String reason, JobRepository jobRepository) {
		partition.setStatus(BatchStatus.FAILED);
		partition.setExitStatus(new ExitStatus(ExitStatus.FAILED.getExitCode(), reason));
		partition.setEndTime(LocalDateTime.now());
		jobRepository.update(partition);
	}

	/** Records which node runs a partition, at once: recovery and failure reasons need it. */
	static StepExecutionListener nodeRecorder(String nodeName, JobRepository jobRepository) {
		return new StepExecutionListener() {
			@Override
			public void beforeStep(StepExecution stepExecution) {
				stepExecution.getExecutionContext().putString(NODE, nodeName);
				jobRepository.updateExecutionContext(stepExecution);
			}
		};
	}

}
