package org.billingreports.operations;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

/** The job executions running in this process, so that a stopping node can stop them. */
@Component
public class RunningJobs implements JobExecutionListener {

	private final Map<Long, JobExecution> running = new ConcurrentHashMap<>();

	private final Object changed = new Object();

	@Override
	public void beforeJob(JobExecution execution) {
		this.running.put(execution.getId(), execution);
	}

	@Override
	public void afterJob(JobExecution execution) {
		this.running.remove(execution.getId());
		synchronized (this.changed) {
			this.changed.notifyAll();
		}
	}

	public boolean isRunning(long jobExecutionId) {
		return this.running.containsKey(jobExecutionId);
	}

	List<JobExecution> current() {
		return List.copyOf(this.running.values());
	}

	/** @return whether every running job ended within {@code timeout} */
	boolean awaitNone(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.changed) {
			while (!this.running.isEmpty()) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return false;
				}
				this.changed.wait(Math.max(1, left / 1_000_000));
			}
		}
		return true;
	}

}
