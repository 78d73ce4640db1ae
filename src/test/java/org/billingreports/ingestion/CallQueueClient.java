package org.billingreports.ingestion;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageBuilderSupport;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import org.billingreports.support.Api;
import org.billingreports.support.RabbitMqAvailable;

/**
 * What a test publishes to a call queue of its own, as a switch's relay would (persistent messages, each
 * confirmed by the broker), and what it reads back from the queue's dead letters. Its queues are deleted on
 * close.
 */
final class CallQueueClient implements AutoCloseable {

	final String queue = "billing.calls.test-" + UUID.randomUUID();

	final String deadLetters = this.queue + ".dead-letter";

	private final CachingConnectionFactory connections;

	private final RabbitTemplate rabbit;

	CallQueueClient() {
		this.connections = new CachingConnectionFactory(RabbitMqAvailable.HOST, RabbitMqAvailable.PORT);
		this.connections.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
		this.rabbit = new RabbitTemplate(this.connections);
	}

	/** The service's settings for this queue, the broker's included. */
	List<String> settings(String... more) {
		List<String> settings = new ArrayList<>(List.of(RabbitMqAvailable.arguments()));
		settings.add("--billing.calls.amqp.queue=" + this.queue);
		settings.addAll(List.of(more));
		return settings;
	}

	/** Publishes each message to the queue (default exchange) and waits until the broker has them all. */
	void publish(List<Message> messages) {
		this.rabbit.invoke(operations -> {
			messages.forEach(message -> operations.send("", this.queue, message));
			operations.waitForConfirmsOrDie(30_000);
			return null;
		});
	}

	/** A message as a relay sends it: persistent, with the account and format headers when not null. */
	static Message message(String account, String format, String contentType, String body) {
		MessageBuilderSupport<Message> builder = MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8))
			.setContentType(contentType)
			.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		if (account != null) {
			builder.setHeader("x-account-id", account);
		}
		if (format != null) {
			builder.setHeader("x-call-format", format);
		}
		return builder.build();
	}

	static Message leg(String account, String leg) {
		return message(account, "freeswitch-json", FreeSwitchLegs.JSON, leg);
	}

	/** A native record of extension 1001 (reference id), times local to the account, numbers as JSON numbers. */
	static Map<String, Object> nativeFields(String callId) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("callId", callId);
		fields.put("customerId", "1001");
		fields.put("channel", "voice");
		fields.put("direction", "outbound");
		fields.put("from", "+12125551000");
		fields.put("to", "+16465550199");
		fields.put("startTime", "2026-11-02T09:15:00");
		fields.put("answerTime", "2026-11-02T09:15:04");
		fields.put("endTime", "2026-11-02T09:17:10");
		fields.put("durationSeconds", 130);
		fields.put("billableSeconds", 126);
		fields.put("status", "completed");
		fields.put("carrierCost", new java.math.BigDecimal("0.0042"));
		return fields;
	}

	static Message nativeRecord(String account, Map<String, Object> fields) {
		return message(account, "native", "application/json", Api.JSON.writeValueAsString(fields));
	}

	/** Messages waiting in the dead-letter queue (0 before the service declared it). */
	long deadLetterCount() {
		Properties queue = new RabbitAdmin(this.connections).getQueueProperties(this.deadLetters);
		return (queue != null) ? ((Number) queue.get(RabbitAdmin.QUEUE_MESSAGE_COUNT)).longValue() : 0;
	}

	/** Takes every dead letter off its queue. */
	List<Message> deadLettersTaken() {
		List<Message> taken = new ArrayList<>();
		for (Message message = this.rabbit.receive(this.deadLetters); message != null;
				message = this.rabbit.receive(this.deadLetters)) {
			taken.add(message);
		}
		return taken;
	}

	@Override
	public void close() {
		RabbitAdmin admin = new RabbitAdmin(this.connections);
		admin.deleteQueue(this.queue);
		admin.deleteQueue(this.deadLetters);
		admin.deleteExchange(this.deadLetters);
		this.connections.destroy();
	}

}
