package org.billingreports.partitioning;

import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.step.Step;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import org.billingreports.BillingProperties;
import org.billingreports.monitoring.JobLogContext;

/**
 * {@code billing.partitioning.mode=local} (the default): the rating step's partitions run on this
 * node's partition threads.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "billing.partitioning.mode", havingValue = "local", matchIfMissing = true)
class LocalPartitioning {

	@Bean
	TaskExecutorPartitionHandler ratingPartitionHandler(Step rateCallsPartitionStep,
			ThreadPoolTaskExecutor partitionTaskExecutor, BillingProperties properties) {
		if (properties.partitioning().worker()) {
			throw new IllegalStateException("billing.partitioning.worker=true runs partitions sent over RabbitMQ: "
					+ "it needs billing.partitioning.mode=remote");
		}
		TaskExecutorPartitionHandler handler = new TaskExecutorPartitionHandler();
		handler.setStep(rateCallsPartitionStep);
		handler.setTaskExecutor(partitionTaskExecutor);
		handler.setGridSize(properties.jobs().billingReport().effectivePartitions());
		return handler;
	}

	/** Partitions of every running report share these threads; jobs run on others, so none waits on itself. */
	@Bean
	ThreadPoolTaskExecutor partitionTaskExecutor(BillingProperties properties) {
		int threads = properties.jobs().billingReport().effectivePartitions() * properties.executor().threads();
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setThreadNamePrefix("partition-");
		executor.setCorePoolSize(threads);
		executor.setMaxPoolSize(threads);
		executor.setTaskDecorator(JobLogContext.clearedAfterEachTask());
		return executor;
	}

}
