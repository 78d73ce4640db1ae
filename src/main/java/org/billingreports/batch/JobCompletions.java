package org.billingreports.batch;

import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * The one place that knows when a job execution has ended, for everyone who waits for that: a request
 * that answers once an import is done, the command line, a delete that stops a report first, a node
 * that stops gracefully. It also knows which executions run in this process.
 * <p>
 * Register it as the first listener of every job, and run jobs on an executor decorated with
 * {@link #endingWithItsThread}: an execution here has ended when its thread is done with it. Spring
 * Batch saves the end, calls the listeners (a readable failure reason), then saves the execution once
 * more, so neither the repository nor {@code afterJob} alone can tell: a waiter that acted on the
 * execution after {@code afterJob} (a delete) met that last save ("wrong version"). For an execution
 * another node runs, the repository is all there is, so it is read again every second.
 */
@Component
public class JobCompletions implements JobExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(JobCompletions.class);

	/** How many ended executions are remembered; older ones are read from the repository. */
	private static final int REMEMBERED = 100;

	/** A waiter looks at the repository this often too, for executions this node does not run. */
	private static final Duration RECHECK = Duration.ofSeconds(1);

	private final Object lock = new Object();

	/** This node's executions between {@code beforeJob} and the end of their thread's work. */
	private final Map<Long, JobExecution> running = new LinkedHashMap<>();

	/** This node's executions that ended lately, as the listeners left them. */
	private final Map<Long, JobExecution> ended = new LinkedHashMap<>() {
		@Override
		protected boolean removeEldestEntry(Map.Entry<Long, JobExecution> eldest) {
			return size() > REMEMBERED;
		}
	};

	/** The executions begun on this thread, each with whether its listeners' {@code afterJob} has run. */
	private final ThreadLocal<Map<JobExecution, Boolean>> onThisThread = ThreadLocal.withInitial(IdentityHashMap::new);

	private final JobRepository jobRepository;

	JobCompletions(JobRepository jobRepository) {
		this.jobRepository = jobRepository;
	}

	/**
	 * Waits until the execution has ended, here or on any node: its job and all its steps (a stopped
	 * job's step runs on to its chunk boundary) no longer running, and this node's listeners done.
	 * @return the execution as it ended, or as it stands when {@code timeout} passed first;
	 * {@code null} when there is no such execution
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
				runningHere = this.running.containsKey(executionId);
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
				if (current != null && hasEnded(current) && !this.running.containsKey(executionId)) {
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

	/** Whether the execution, as saved, and every step of it have stopped running. */
	public static boolean hasEnded(JobExecution execution) {
		return !execution.isRunning()
				&& execution.getStepExecutions().stream().noneMatch(step -> step.getStatus().isRunning());
	}

	/**
	 * The status to show for an execution: one whose end is saved while this node's listeners are
	 * still at work (its failure reason not written yet) is still {@code Running}.
	 */
	public ExecutionStatus statusOf(JobExecution execution) {
		ExecutionStatus saved = ExecutionStatus.of(execution.getStatus());
		if (saved.hasEnded()) {
			synchronized (this.lock) {
				if (this.running.containsKey(execution.getId())) {
					return ExecutionStatus.Running;
				}
			}
		}
		return saved;
	}

	/**
	 * Before a restart: an execution left with an unknown outcome (the database went away at a commit)
	 * that no longer runs here is marked failed now, as the recovery sweep would a moment later, so that
	 * Spring Batch restarts it instead of refusing to.
	 */
	public void settleUnknown(JobExecution last) {
		if (UnknownOutcomes.isUnknown(last) && !last.getStatus().isRunning() && !isRunningHere(last.getId())) {
			UnknownOutcomes.fail(last, UnknownOutcomes.REASON, this.jobRepository);
		}
	}

	/** Whether this process runs the execution now (between its start and the end of its listeners). */
	public boolean isRunningHere(long executionId) {
		synchronized (this.lock) {
			return this.running.containsKey(executionId);
		}
	}

	/** The executions running in this process now, e.g. to stop them when it stops. */
	public List<JobExecution> runningHere() {
		synchronized (this.lock) {
			return List.copyOf(this.running.values());
		}
	}

	/** @return whether every execution of this process ended within {@code timeout} */
	public boolean awaitNoneRunningHere(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.lock) {
			while (!this.running.isEmpty()) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return false;
				}
				TimeUnit.NANOSECONDS.timedWait(this.lock, left);
			}
		}
		return true;
	}

	@Override
	public void beforeJob(JobExecution jobExecution) {
		synchronized (this.lock) {
			this.running.put(jobExecution.getId(), jobExecution);
		}
		this.onThisThread.get().put(jobExecution, false);
	}

	@Override
	public void afterJob(JobExecution jobExecution) {
		// Not ended yet: Spring Batch saves the execution once more after its listeners.
		this.onThisThread.get().replace(jobExecution, true);
	}

	/**
	 * For the executor that runs jobs: when a job's thread is done with it, the job has ended, its last
	 * save made, also when a listener before this one failed (the database away) and Spring Batch
	 * skipped the rest, this one's {@code afterJob} included; otherwise the execution would count as
	 * running here for ever, and recovery would never take it up.
	 */
	public Runnable endingWithItsThread(Runnable task) {
		return () -> {
			try {
				task.run();
			}
			finally {
				this.onThisThread.get().forEach((execution, listenersRan) -> {
					if (!listenersRan) {
						log.warn("Job execution {} ended without all its listeners having run", execution.getId());
					}
					ended(execution);
				});
				this.onThisThread.remove();
			}
		};
	}

	private void ended(JobExecution execution) {
		synchronized (this.lock) {
			this.ended.put(execution.getId(), execution);
			this.running.remove(execution.getId());
			this.lock.notifyAll();
		}
	}

}
