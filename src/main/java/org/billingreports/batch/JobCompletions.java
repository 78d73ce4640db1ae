package org.billingreports.batch;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Lets a caller wait for a job execution to end without polling. Register it as a listener of the
 * jobs whose end someone waits for.
 */
@Component
public class JobCompletions implements JobExecutionListener {

	private final Map<Long, CompletableFuture<JobExecution>> waiting = new ConcurrentHashMap<>();

	private final JobRepository jobRepository;

	JobCompletions(JobRepository jobRepository) {
		this.jobRepository = jobRepository;
	}

	/**
	 * @return the execution as it ended, or as it stands when {@code timeout} passed first
	 */
	public JobExecution await(long executionId, Duration timeout) throws InterruptedException {
		CompletableFuture<JobExecution> done = this.waiting.computeIfAbsent(executionId,
				id -> new CompletableFuture<>());
		try {
			// It may have ended before we started waiting.
			JobExecution current = this.jobRepository.getJobExecution(executionId);
			if (current == null || !current.isRunning()) {
				return current;
			}
			// The listeners' view: it includes what other listeners changed before the last update.
			return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			return this.jobRepository.getJobExecution(executionId);
		}
		finally {
			this.waiting.remove(executionId);
		}
	}

	@Override
	public void afterJob(JobExecution jobExecution) {
		CompletableFuture<JobExecution> done = this.waiting.get(jobExecution.getId());
		if (done != null) {
			done.complete(jobExecution);
		}
	}

}
