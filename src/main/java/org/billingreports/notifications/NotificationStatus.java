package org.billingreports.notifications;

import java.util.List;

import org.springframework.stereotype.Component;

/** The notifications of a report, as its {@code ReportInfo} shows them. */
@Component
public class NotificationStatus {

	private final NotificationRepository notifications;

	NotificationStatus(NotificationRepository notifications) {
		this.notifications = notifications;
	}

	/** @return the report's notifications, or {@code null} when it has none (omitted from the JSON) */
	public List<NotificationInfo> of(String reportId) {
		List<NotificationInfo> infos = this.notifications.findByReport(reportId)
			.stream()
			.map(NotificationInfo::of)
			.toList();
		return infos.isEmpty() ? null : infos;
	}

}
