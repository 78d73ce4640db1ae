package org.billingreports.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.batch.autoconfigure.BatchTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

import org.billingreports.batch.ExecutionStatus;

/**
 * The service's own metrics, beside Spring Batch's ({@code spring.batch.job}, {@code spring.batch.step}
 * …) and Boot's: what an operator watches on a dashboard. Counters count on the node that did the
 * work; sum them over nodes.
 */
@Component
public class BillingMetrics {

	private final MeterRegistry registry;

	private final Counter callsRated;

	BillingMetrics(MeterRegistry registry, @BatchTaskExecutor ThreadPoolTaskExecutor jobTaskExecutor) {
		this.registry = registry;
		this.callsRated = Counter.builder("billing.calls.rated")
			.description("Call records rated into billing rows (its rate: call records per second)")
			.register(registry);
		Gauge.builder("billing.jobs.queued", jobTaskExecutor, executor -> executor.getThreadPoolExecutor().getQueue().size())
			.description("Reports and imports waiting for a job thread on this node")
			.register(registry);
		Gauge.builder("billing.jobs.running", jobTaskExecutor, ThreadPoolTaskExecutor::getActiveCount)
			.description("Reports and imports running on this node")
			.register(registry);
	}

	/** Counts reports as they end, by status (Completed, Error). */
	public JobExecutionListener reportsEnded() {
		return new JobExecutionListener() {
			@Override
			public void afterJob(JobExecution execution) {
				ended("billing.reports.ended", "Reports ended, by status", execution);
			}
		};
	}

	/** Counts imports as they end, by status, and the lines they rejected. */
	public JobExecutionListener importsEnded() {
		return new JobExecutionListener() {
			@Override
			public void afterJob(JobExecution execution) {
				ended("billing.imports.ended", "Call record imports ended, by status", execution);
				long rejected = execution.getStepExecutions()
					.stream()
					.mapToLong(step -> step.getReadSkipCount() + step.getProcessSkipCount())
					.sum();
				Counter.builder("billing.imports.rejected.lines")
					.description("Lines of imported files rejected (each stored with its reason)")
					.register(BillingMetrics.this.registry)
					.increment(rejected);
			}
		};
	}

	/** Counts call records as they are rated. */
	public void callsRated(long count) {
		this.callsRated.increment(count);
	}

	/** Counts notification attempts by channel and outcome: delivered, retrying, failed (given up). */
	public void notification(String channel, String outcome) {
		Counter.builder("billing.notifications")
			.description("Notification delivery attempts, by channel and outcome")
			.tag("channel", channel)
			.tag("outcome", outcome)
			.register(this.registry)
			.increment();
	}

	private void ended(String name, String description, JobExecution execution) {
		Counter.builder(name)
			.description(description)
			.tag("status", ExecutionStatus.of(execution.getStatus()).name())
			.register(this.registry)
			.increment();
	}

}
