package org.billingreports.batch;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Lets a caller wait for a job execution to end without polling. Register it as the first listener
 * of the jobs whose end someone waits for: listeners' {@code afterJob} run in reverse order, so it
 * learns of the end last, once the others (a readable failure reason) are done. Spring Batch saves
 * the end before it calls the listeners, so the repository alone cannot tell.
 */
@Component
public class JobCompletions implements JobExecutionListener {

	/** How many ended executions are remembered; older ones are read from the repository. */
	private static final int REMEMBERED = 100;

	/** A waiter looks at the repository this often too, for executions this node does not run. */
	private static final Duration RECHECK = Duration.ofSeconds(1);

	private final Object lock = new Object();

	/** This node's executions between {@code beforeJob} and the end of {@code afterJob}. */
	private final Set<Long> running = new HashSet<>();

	/** This node's executions that ended lately, as the listeners left them. */
	private final Map<Long, JobExecution> ended = new LinkedHashMap<>() {
		@Override
		protected boolean removeEldestEntry(Map.Entry<Long, JobExecution> eldest) {
			return size() > REMEMBERED;
		}
	};

	private final JobRepository jobRepository;

	JobCompletions(JobRepository jobRepository) {
		this.jobRepository = jobRepository;
	}

	/**
	 * @return the execution as it ended, or as it stands when {@code timeout} passed first
	 */
	public JobExecution await(long executionId, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			boolean runningHere;
			synchronized (this.lock) {
				JobExecution done = this.ended.get(executionId);
				if (done != null) {
					return done;
				}
				runningHere = this.running.contains(executionId);
			}
			// Queued, run elsewhere, or ended long ago: the repository knows.
			JobExecution current = runningHere ? null : this.jobRepository.getJobExecution(executionId);
			if (!runningHere && current == null) {
				return null;
			}
			synchronized (this.lock) {
				JobExecution done = this.ended.get(executionId);
				if (done != null) {
					return done;
				}
				if (current != null && !current.isRunning() && !this.running.contains(executionId)) {
					return current;
				}
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					break;
				}
				TimeUnit.NANOSECONDS.timedWait(this.lock, Math.min(left, RECHECK.toNanos()));
			}
		}
		return this.jobRepository.getJobExecution(executionId);
	}

	/**
	 * The status to show for an execution: one whose end is saved while this node's listeners are
	 * still at work (its failure reason not written yet) is still {@code Running}.
	 */
	public ExecutionStatus statusOf(JobExecution execution) {
		ExecutionStatus saved = ExecutionStatus.of(execution.getStatus());
		if (saved.hasEnded()) {
			synchronized (this.lock) {
				if (this.running.contains(execution.getId())) {
					return ExecutionStatus.Running;
				}
			}
		}
		return saved;
	}

	@Override
	public void beforeJob(JobExecution jobExecution) {
		synchronized (this.lock) {
			this.running.add(jobExecution.getId());
		}
	}

	@Override
	public void afterJob(JobExecution jobExecution) {
		synchronized (this.lock) {
			this.ended.put(jobExecution.getId(), jobExecution);
			this.running.remove(jobExecution.getId());
			this.lock.notifyAll();
		}
	}

}
