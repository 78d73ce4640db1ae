package org.billingreports.notifications;

import java.time.Instant;

/**
 * One notification of one job execution's end on one channel, with its delivery state. Its id is the
 * event id that receivers use to drop a repeat.
 */
record Notification(String id, String reportId, long jobExecutionId, Channel channel, String target, String event,
		String payload, Status status, int attempts, String lastError, Instant nextAttemptAt, Instant createdAt,
		Instant deliveredAt) {

	enum Channel {

		email, webhook

	}

	enum Status {

		pending, delivered, failed

	}

	static final String COMPLETED = "report.completed";

	static final String FAILED = "report.failed";

}
