package org.billingreports.ingestion;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.billingreports.calls.PushedCalls;
import org.billingreports.kernel.RequestLimits;
import org.billingreports.kernel.ServiceProperties;

/**
 * {@code billing.calls.amqp.queue} set: the queue and its dead letters, declared durable whenever the node
 * connects (RabbitMQ's admin declares them again after the broker restarted), and the consumers that store
 * its records ({@link QueuedCallListener}). The queue also names the dead-letter exchange as its
 * {@code x-dead-letter-exchange}, so that what the broker itself dead-letters lands beside ours.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "billing.calls.amqp.queue")
class CallQueueConfiguration {

	private static final Logger log = LoggerFactory.getLogger(CallQueueConfiguration.class);

	@Bean
	Queue callQueue(CallQueueProperties settings) {
		if (settings.queue().isBlank()) {
			throw new IllegalStateException("billing.calls.amqp.queue is set but empty: name the queue, or unset it");
		}
		return QueueBuilder.durable(settings.queue())
			.deadLetterExchange(settings.effectiveDeadLetterExchange())
			.deadLetterRoutingKey(settings.effectiveDeadLetterQueue())
			.build();
	}

	@Bean
	DirectExchange callDeadLetterExchange(CallQueueProperties settings) {
		return new DirectExchange(settings.effectiveDeadLetterExchange(), true, false);
	}

	@Bean
	Queue callDeadLetterQueue(CallQueueProperties settings) {
		return QueueBuilder.durable(settings.effectiveDeadLetterQueue()).build();
	}

	@Bean
	Binding callDeadLetterBinding(Queue callDeadLetterQueue, DirectExchange callDeadLetterExchange) {
		return BindingBuilder.bind(callDeadLetterQueue).to(callDeadLetterExchange).with(callDeadLetterQueue.getName());
	}

	/**
	 * Transacted, so that a dead letter and the acknowledgement of its message commit together; a message whose
	 * listener failed goes back to the queue, whatever the failure (only the listener refuses a message). The
	 * command line ({@code billing.background=false}) consumes nothing.
	 */
	@Bean
	SimpleMessageListenerContainer callQueueConsumers(ConnectionFactory connectionFactory, Queue callQueue,
			PushedCalls calls, PushRejections rejections, CallQueueProperties settings, RequestLimits limits,
			ServiceProperties service) {
		SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
		container.setQueues(callQueue);
		container.setMessageListener(
				new QueuedCallListener(calls, rejections, settings, limits.maxRequestBytes().toBytes()));
		container.setAcknowledgeMode(AcknowledgeMode.AUTO);
		container.setChannelTransacted(true);
		container.setDefaultRequeueRejected(true);
		container.setErrorHandler(ex -> log.debug("A message goes back to the queue", ex));
		container.setConcurrentConsumers(settings.concurrency());
		container.setPrefetchCount(settings.prefetch());
		container.setShutdownTimeout(service.shutdownGracePeriod().toMillis());
		container.setAutoStartup(service.background());
		return container;
	}

}
