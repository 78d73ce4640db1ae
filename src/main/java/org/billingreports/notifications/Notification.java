package org.billingreports.notifications;

import java.time.Instant;
import java.util.UUID;

/**
 * One notification of a report version on one channel, with its delivery state: the end of one of its
 * job executions, or an event about it afterwards (it went out of date). Its id is the event id that
 * receivers use to drop a repeat.
 *
 * @param jobExecutionId the execution it is about: the one that ended, or the one that completed the version
 * @param eventKey what tells two events of one execution and channel apart: empty for its end
 */
public record Notification(String id, String reportId, int version, long jobExecutionId, Channel channel,
		String target, String event, String eventKey, String payload, Status status, int attempts, String lastError,
		Instant nextAttemptAt, Instant createdAt, Instant deliveredAt) {

	public enum Channel {

		email, webhook

	}

	public enum Status {

		pending, delivered, failed

	}

	/** A notification to deliver as soon as possible, with a new id (its event id). */
	public static Notification pending(String reportId, int version, long jobExecutionId, Channel channel,
			String target, String event, String eventKey, String payload, Instant now) {
		return new Notification(UUID.randomUUID().toString(), reportId, version, jobExecutionId, channel, target,
				event, eventKey, payload, Status.pending, 0, null, now, now, null);
	}

}
