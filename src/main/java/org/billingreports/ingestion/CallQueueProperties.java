package org.billingreports.ingestion;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A RabbitMQ queue of call records ({@code billing.calls.amqp.*}; {@code operations.md}, A RabbitMQ queue).
 * The broker is Spring Boot's {@code spring.rabbitmq.*}.
 * @param queue the queue this node takes call records from, declared durable by the service; unset (the
 * default): no queue is read and RabbitMQ is not contacted
 * @param accountHeader the message header naming the account the record belongs to
 * @param formatHeader the message header saying what the body is: {@code freeswitch-json} (a leg as
 * {@code mod_json_cdr} posts it) or {@code native} (one record as a JSON object of the native format's fields)
 * @param deadLetterExchange where messages that cannot be billed go, with their reason; empty: the queue's name
 * and {@code .dead-letter}
 * @param deadLetterQueue the durable queue bound to it that keeps them; empty: the queue's name and
 * {@code .dead-letter}
 * @param concurrency consumers on this node, each storing one record at a time
 * @param prefetch messages each consumer holds unacknowledged at most (given back to the queue if the node
 * stops)
 * @param retryInterval how long a message waits on its consumer after a passing failure (the database away)
 * before it goes back to the queue to be taken again
 */
@ConfigurationProperties("billing.calls.amqp")
record CallQueueProperties(String queue, @DefaultValue("x-account-id") String accountHeader,
		@DefaultValue("x-call-format") String formatHeader, @DefaultValue("") String deadLetterExchange,
		@DefaultValue("") String deadLetterQueue, @DefaultValue("2") int concurrency, @DefaultValue("20") int prefetch,
		@DefaultValue("5s") Duration retryInterval) {

	private static final String DEAD_LETTER = ".dead-letter";

	String effectiveDeadLetterExchange() {
		return this.deadLetterExchange.isBlank() ? this.queue + DEAD_LETTER : this.deadLetterExchange;
	}

	String effectiveDeadLetterQueue() {
		return this.deadLetterQueue.isBlank() ? this.queue + DEAD_LETTER : this.deadLetterQueue;
	}

}
