package org.billingreports.batch;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.batch.autoconfigure.BatchTaskExecutor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;


/**
 * The threads that run jobs. Boot's {@code JobOperator} uses this executor, so {@code start}
 * returns at once with the execution {@code STARTING} (Queued) and the job runs on one of a bounded
 * number of threads.
 */
@Configuration(proxyBeanMethods = false)
class JobExecutorConfiguration {

	@Bean
	@BatchTaskExecutor
	ThreadPoolTaskExecutor jobTaskExecutor(ExecutorProperties properties, ObjectProvider<JobCompletions> completions) {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setThreadNamePrefix("job-");
		executor.setCorePoolSize(properties.threads());
		executor.setMaxPoolSize(properties.threads());
		executor.setQueueCapacity(properties.queueCapacity());
		TaskDecorator cleared = JobLogContext.clearedAfterEachTask();
		// Looked up when a job is submitted: the job repository JobCompletions needs is made with this executor.
		executor.setTaskDecorator(task -> cleared.decorate(completions.getObject().endingWithItsThread(task)));
		return executor;
	}

}
