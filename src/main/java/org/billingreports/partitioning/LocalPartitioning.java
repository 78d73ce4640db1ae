package org.billingreports.partitioning;

import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.step.Step;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import org.billingreports.batch.JobLogContext;
import org.billingreports.batch.ExecutorProperties;
import org.billingreports.billingjob.BillingJobProperties;

/**
 * {@code billing.partitioning.mode=local} (the default): the rating step's partitions run on this
 * node's partition threads.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "billing.partitioning.mode", havingValue = "local", matchIfMissing = true)
class LocalPartitioning {

	@Bean
	TaskExecutorPartitionHandler ratingPartitionHandler(Step rateCallsPartitionStep,
			ThreadPoolTaskExecutor partitionTaskExecutor, PartitioningProperties properties, BillingJobProperties job) {
		if (properties.worker()) {
			throw new IllegalStateException("billing.partitioning.worker=true runs partitions sent over RabbitMQ: "
					+ "it needs billing.partitioning.mode=remote");
		}
		TaskExecutorPartitionHandler handler = new TaskExecutorPartitionHandler();
		handler.setStep(rateCallsPartitionStep);
		handler.setTaskExecutor(partitionTaskExecutor);
		handler.setGridSize(job.effectivePartitions());
		return handler;
	}

	/** Partitions of every running report share these threads; jobs run on others, so none waits on itself. */
	@Bean
	ThreadPoolTaskExecutor partitionTaskExecutor(BillingJobProperties job, ExecutorProperties jobThreads) {
		int threads = job.effectivePartitions() * jobThreads.threads();
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setThreadNamePrefix("partition-");
		executor.setCorePoolSize(threads);
		executor.setMaxPoolSize(threads);
		executor.setTaskDecorator(JobLogContext.clearedAfterEachTask());
		return executor;
	}

}
