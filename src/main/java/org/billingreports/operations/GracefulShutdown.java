package org.billingreports.operations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadPoolExecutor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.boot.batch.autoconfigure.BatchTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

import org.billingreports.batch.JobCompletions;
import org.billingreports.kernel.ServiceProperties;


/**
 * On SIGTERM (the context closing): no new job is taken; jobs waiting for a thread stay queued
 * ({@code STARTING}) for the next start of this node; running jobs are asked to stop at their next
 * chunk boundary, and are left {@code STOPPED}, restartable. It runs before the job executor's own
 * shutdown, which would otherwise still start the queued jobs.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class GracefulShutdown implements ApplicationListener<ContextClosedEvent> {

	private static final Logger log = LoggerFactory.getLogger(GracefulShutdown.class);

	private final ThreadPoolTaskExecutor jobExecutor;

	private final JobCompletions completions;

	private final JobOperator jobOperator;

	private final Duration gracePeriod;

	GracefulShutdown(@BatchTaskExecutor ThreadPoolTaskExecutor jobExecutor, JobCompletions completions, JobOperator jobOperator,
			ServiceProperties properties) {
		this.jobExecutor = jobExecutor;
		this.completions = completions;
		this.jobOperator = jobOperator;
		this.gracePeriod = properties.shutdownGracePeriod();
	}

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		ThreadPoolExecutor executor = this.jobExecutor.getThreadPoolExecutor();
		executor.shutdown();
		List<Runnable> queued = new ArrayList<>();
		executor.getQueue().drainTo(queued);
		List<JobExecution> running = this.completions.runningHere();
		if (queued.isEmpty() && running.isEmpty()) {
			return;
		}
		log.info("Shutting down: {} queued jobs stay queued for the next start; stopping {} running jobs",
				queued.size(), running.size());
		for (JobExecution execution : running) {
			try {
				this.jobOperator.stop(execution);
			}
			catch (Exception ex) {
				log.warn("Could not stop job execution {}: {}", execution.getId(), ex.toString());
			}
		}
		try {
			if (!this.completions.awaitNoneRunningHere(this.gracePeriod)) {
				log.warn("Jobs still running after {}; they will be recovered at the next start",
						this.gracePeriod);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
