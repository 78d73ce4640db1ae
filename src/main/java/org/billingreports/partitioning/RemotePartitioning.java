package org.billingreports.partitioning;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.SimpleMessageConverter;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.boot.amqp.health.RabbitHealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.integration.dsl.IntegrationFlow;

import org.billingreports.billingjob.BillingJob;
import org.billingreports.billingjob.Partitions;
import org.billingreports.billingjob.BillingJobProperties;
import org.billingreports.kernel.ServiceProperties;

/**
 * {@code billing.partitioning.mode=remote}: Spring Batch remote partitioning over RabbitMQ. The node
 * that runs a report sends its partitions as {@link StepExecutionRequest}s to a queue and follows
 * them in the shared job repository; nodes with {@code billing.partitioning.worker=true} take them
 * one at a time per thread and run the partition step against the same database. Messages are not
 * durable: the job repository is the truth, and a lost partition fails the report, which a restart
 * sends again.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "billing.partitioning.mode", havingValue = "remote")
class RemotePartitioning {

	private static final Logger log = LoggerFactory.getLogger(RemotePartitioning.class);

	/** Without the broker no partition moves: it is part of the health status in this mode. */
	@Bean
	RabbitHealthIndicator rabbitHealthIndicator(RabbitTemplate rabbitTemplate) {
		return new RabbitHealthIndicator(rabbitTemplate);
	}

	@Bean
	Queue partitionRequestQueue(PartitioningProperties properties) {
		return new Queue(properties.queue(), false);
	}

	@Bean
	DirectChannel partitionRequests() {
		return new DirectChannel();
	}

	@Bean
	IntegrationFlow partitionRequestsToRabbit(DirectChannel partitionRequests, RabbitTemplate rabbitTemplate,
			PartitioningProperties properties) {
		return IntegrationFlow.from(partitionRequests)
			.handle(Amqp.outboundAdapter(rabbitTemplate)
				.routingKey(properties.queue())
				.defaultDeliveryMode(MessageDeliveryMode.NON_PERSISTENT))
			.get();
	}

	/** Sends the partitions, then follows them in the job repository until none is running. */
	@Bean
	MessageChannelPartitionHandler ratingPartitionHandler(DirectChannel partitionRequests,
			JobRepository jobRepository, PartitioningProperties properties, BillingJobProperties job) {
		MessageChannelPartitionHandler handler = new MessageChannelPartitionHandler();
		handler.setStepName(BillingJob.PARTITION_STEP);
		handler.setMessagingOperations(new MessagingTemplate(partitionRequests));
		handler.setJobRepository(jobRepository);
		handler.setPollInterval(properties.pollInterval().toMillis());
		handler.setTimeout(properties.timeout().toMillis());
		handler.setGridSize(job.effectivePartitions());
		return handler;
	}

	/**
	 * A worker: takes one request per thread at a time (prefetch 1), acknowledged once its partition
	 * ended, so that requests nobody started wait for a free thread anywhere. A request whose worker
	 * died comes back: its partition has started already, and is left to recovery.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "billing.partitioning.worker", havingValue = "true")
	static class Worker {

		@Bean
		StepExecutionRequestHandler partitionRequestHandler(JobRepository jobRepository, List<Step> steps) {
			StepExecutionRequestHandler handler = new StepExecutionRequestHandler();
			handler.setJobRepository(jobRepository);
			handler.setStepLocator(name -> steps.stream().filter(step -> step.getName().equals(name)).findFirst()
				.orElse(null));
			return handler;
		}

		@Bean
		IntegrationFlow partitionRequestsFromRabbit(ConnectionFactory connectionFactory,
				StepExecutionRequestHandler partitionRequestHandler, JobRepository jobRepository,
				PartitioningProperties properties, ServiceProperties service) {
			SimpleMessageConverter converter = new SimpleMessageConverter();
			converter.setAllowedListPatterns(List.of(StepExecutionRequest.class.getName(), "java.lang.*"));
			return IntegrationFlow
				.from(Amqp.inboundAdapter(connectionFactory, properties.queue())
					.messageConverter(converter)
					.configureContainer(container -> container
						.concurrentConsumers(properties.effectiveWorkerThreads())
						.prefetchCount(1)
						.acknowledgeMode(AcknowledgeMode.AUTO)
						.defaultRequeueRejected(false)
						.shutdownTimeout(service.shutdownGracePeriod().toMillis())))
				.filter(StepExecutionRequest.class, request -> notStarted(request, jobRepository))
				.handle(StepExecutionRequest.class, (request, headers) -> {
					try {
						return partitionRequestHandler.handle(request);
					}
					finally {
						MDC.clear(); // the partition's log context (JobLogContext)
					}
				})
				.nullChannel();
		}

		private static boolean notStarted(StepExecutionRequest request, JobRepository jobRepository) {
			StepExecution partition = jobRepository.getStepExecution(request.getStepExecutionId());
			boolean waiting = partition != null && partition.getStatus() == BatchStatus.STARTING;
			if (!waiting) {
				log.info("Dropped the request for {}: it is {}", request,
						(partition == null) ? "unknown" : partition.getStatus());
			}
			return waiting;
		}

	}

}
