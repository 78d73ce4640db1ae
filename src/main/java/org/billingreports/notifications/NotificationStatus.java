package org.billingreports.notifications;

import java.time.Clock;

import java.util.List;

import org.springframework.stereotype.Component;

/** The notifications of a report, as its {@code ReportInfo} shows them. */
@Component
public class NotificationStatus {

	private final NotificationRepository notifications;

	private final Clock clock;

	NotificationStatus(NotificationRepository notifications, Clock clock) {
		this.notifications = notifications;
		this.clock = clock;
	}

	/** @return the report's notifications, or {@code null} when it has none (omitted from the JSON) */
	public List<NotificationInfo> of(String reportId) {
		List<NotificationInfo> infos = this.notifications.findByReport(reportId)
			.stream()
			.map(NotificationInfo::of)
			.toList();
		return infos.isEmpty() ? null : infos;
	}

	/**
	 * One more attempt, now, at a notification of the report that gave up (its event id unchanged, so a
	 * receiver that got it after all drops the repeat).
	 * @return whether it had given up; {@code false} for one delivered or still trying
	 * @throws java.util.NoSuchElementException for a notification the report does not have
	 */
	public boolean resend(String reportId, String notificationId) {
		this.notifications.find(notificationId)
			.filter(notification -> notification.reportId().equals(reportId))
			.orElseThrow();
		return this.notifications.requeue(notificationId, reportId, this.clock.instant());
	}

}
