package org.billingreports.notifications;

import java.time.Instant;
import java.util.UUID;

/**
 * One notification of one job execution's end on one channel, with its delivery state. Its id is the
 * event id that receivers use to drop a repeat.
 */
public record Notification(String id, String reportId, long jobExecutionId, Channel channel, String target,
		String event, String payload, Status status, int attempts, String lastError, Instant nextAttemptAt,
		Instant createdAt, Instant deliveredAt) {

	public enum Channel {

		email, webhook

	}

	public enum Status {

		pending, delivered, failed

	}

	/** A notification to deliver as soon as possible, with a new id (its event id). */
	public static Notification pending(String reportId, long jobExecutionId, Channel channel, String target,
			String event, String payload, Instant now) {
		return new Notification(UUID.randomUUID().toString(), reportId, jobExecutionId, channel, target, event, payload,
				Status.pending, 0, null, now, now, null);
	}

}
