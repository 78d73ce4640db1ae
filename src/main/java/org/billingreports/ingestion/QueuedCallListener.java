package org.billingreports.ingestion;

import java.io.IOException;
import java.util.Map;

import com.rabbitmq.client.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.http.HttpStatus;

import org.billingreports.calls.PushedCalls;
import org.billingreports.calls.RejectedLineException;
import org.billingreports.kernel.ApiException;

/**
 * Stores each message of the call queue as a call record, on a transacted channel: the message is
 * acknowledged once its record is committed (a message delivered again is found stored, never stored twice).
 * One that cannot be billed is kept as a rejection and published to the dead-letter exchange with its reason
 * in {@value #REASON}, in the same channel transaction as its acknowledgement, so that it is either dead-lettered
 * or still queued, never both nor lost. Any other failure (the database away) leaves it unacknowledged for
 * {@code retry-interval}, then puts it back on the queue.
 */
final class QueuedCallListener implements ChannelAwareMessageListener {

	/** The header of a dead letter that says why it could not be billed. */
	static final String REASON = "x-rejection-reason";

	private static final Logger log = LoggerFactory.getLogger(QueuedCallListener.class);

	private static final DefaultMessagePropertiesConverter PROPERTIES = new DefaultMessagePropertiesConverter();

	private final PushedCalls calls;

	private final PushRejections rejections;

	private final CallQueueProperties settings;

	private final long maxBytes;

	QueuedCallListener(PushedCalls calls, PushRejections rejections, CallQueueProperties settings, long maxBytes) {
		this.calls = calls;
		this.rejections = rejections;
		this.settings = settings;
		this.maxBytes = maxBytes;
	}

	@Override
	public void onMessage(Message message, Channel channel) throws IOException {
		QueuedCall call = QueuedCall.of(message, this.settings);
		try {
			String refusal = call.refusal(this.settings, this.maxBytes);
			if (refusal == null) {
				refusal = stored(call);
			}
			if (refusal != null) {
				deadLetter(call, message, channel, refusal);
			}
		}
		catch (RuntimeException ex) {
			// A failure that may pass (the database away): the container puts the message back on the queue.
			waitBeforeRetry(call, ex);
			throw ex;
		}
	}

	/**
	 * Stores the record, the account first as over HTTP (a message of an unknown account is refused as that,
	 * whatever its body).
	 * @return {@code null}, or why the record cannot be billed
	 */
	private String stored(QueuedCall call) {
		try {
			this.calls.requireAccount(call.accountId());
			switch (call.format()) {
				case FREESWITCH_JSON -> this.calls.store(call.accountId(), FreeSwitchLeg.read(JsonLeg.read(call.posted())));
				case NATIVE -> this.calls.storeNative(call.accountId(), NativeRecord.read(call.body()));
			}
			return null;
		}
		catch (RejectedLineException | UnreadableLegException ex) {
			return ex.getMessage();
		}
		catch (ApiException ex) {
			if (ex.status() != HttpStatus.NOT_FOUND) {
				throw ex;
			}
			return ex.getMessage();
		}
	}

	/**
	 * Kept as a rejection first: should that fail (the database away), the message is still queued. Then
	 * republished as it came, with its reason, on the consumer's transacted channel: committed with the ack.
	 */
	private void deadLetter(QueuedCall call, Message message, Channel channel, String reason) throws IOException {
		this.rejections.record(call.rejectionAccount(), call.source(), call.callIdIfReadable(), reason,
				call.contentType(), call.text());
		MessageProperties properties = message.getMessageProperties();
		Map<String, Object> headers = properties.getHeaders();
		headers.put(REASON, reason);
		headers.put("x-original-exchange", properties.getReceivedExchange());
		headers.put("x-original-routing-key", properties.getReceivedRoutingKey());
		properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		channel.basicPublish(this.settings.effectiveDeadLetterExchange(), this.settings.effectiveDeadLetterQueue(),
				PROPERTIES.fromMessageProperties(properties, "UTF-8"), message.getBody());
		log.warn("Dead-lettered {} to {}: {}", call, this.settings.effectiveDeadLetterQueue(), reason);
	}

	/** Not at once: a database that is away would have the message back in a tight loop. */
	private void waitBeforeRetry(QueuedCall call, RuntimeException ex) {
		log.warn("Could not store {} ({}); it goes back to the queue in {}", call, ex.toString(),
				this.settings.retryInterval());
		try {
			Thread.sleep(this.settings.retryInterval().toMillis());
		}
		catch (InterruptedException interrupted) {
			// Stopping: the message goes back to the queue now.
			Thread.currentThread().interrupt();
		}
	}

}
