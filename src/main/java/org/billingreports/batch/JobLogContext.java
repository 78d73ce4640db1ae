package org.billingreports.batch;

import org.slf4j.MDC;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.core.task.TaskDecorator;

/**
 * Puts what a job works for (its {@code reportId} or {@code importId}) and its {@code jobExecutionId}
 * into the logging context (MDC) of the threads that run it, so that each of the job's log lines
 * carries them, from {@code beforeJob} on the job's thread and {@code beforeStep} on a partition's, to
 * the last line about it. Whatever runs the task clears it after: {@link #clearedAfterEachTask} on
 * this node's executors, the request handler on a remote worker.
 */
public final class JobLogContext implements JobExecutionListener, StepExecutionListener {

	public static final String JOB_EXECUTION_ID = "jobExecutionId";

	private final String idParameter;

	/** @param idParameter the job parameter that names what the job works for, e.g. {@code reportId} */
	public JobLogContext(String idParameter) {
		this.idParameter = idParameter;
	}

	@Override
	public void beforeJob(JobExecution execution) {
		put(execution);
	}

	/** For a partition, on a thread (or a worker node) of its own. */
	@Override
	public void beforeStep(StepExecution step) {
		put(step.getJobExecution());
	}

	private void put(JobExecution execution) {
		String id = execution.getJobParameters().getString(this.idParameter);
		if (id != null) {
			MDC.put(this.idParameter, id);
		}
		MDC.put(JOB_EXECUTION_ID, String.valueOf(execution.getId()));
	}

	/** For the executors that run jobs and partitions: a thread starts its next task with a clean context. */
	public static TaskDecorator clearedAfterEachTask() {
		return task -> () -> {
			try {
				task.run();
			}
			finally {
				MDC.clear();
			}
		};
	}

}
