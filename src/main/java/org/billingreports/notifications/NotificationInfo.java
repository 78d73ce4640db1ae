package org.billingreports.notifications;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A notification's delivery state, as {@code GET /reports/{id}} shows it. */
public record NotificationInfo(String id, int version, String channel, String target, String event, String status,
		int attempts, String lastError, String nextAttempt, String deliveredAt) {

	static NotificationInfo of(Notification notification) {
		return new NotificationInfo(notification.id(), notification.version(), notification.channel().name(),
				shownTarget(notification), notification.event(),
				notification.status().name(), notification.attempts(), notification.lastError(),
				(notification.status() == Notification.Status.pending) ? iso(notification.nextAttemptAt()) : null,
				iso(notification.deliveredAt()));
	}

	/**
	 * Where a notification goes, as shown and logged: a webhook URL without its query string, which may
	 * carry the receiver's own credentials.
	 */
	static String shownTarget(Notification notification) {
		if (notification.channel() != Notification.Channel.webhook) {
			return notification.target();
		}
		URI uri = URI.create(notification.target());
		return uri.getScheme() + "://" + uri.getRawAuthority() + ((uri.getRawPath() != null) ? uri.getRawPath() : "");
	}

	private static String iso(Instant instant) {
		return (instant != null) ? instant.truncatedTo(ChronoUnit.SECONDS).toString() : null;
	}

}
