package org.billingreports.report;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import org.billingreports.accounts.AccountRepository;
import org.billingreports.notifications.MailContent;
import org.billingreports.notifications.Notification;
import org.billingreports.notifications.NotificationContent;

/** What a report's notification says when it is delivered: its mail, and its account's webhook secret. */
@Component
class ReportNotificationContent implements NotificationContent {

	private final AccountRepository accounts;

	private final Links links;

	private final JsonMapper jsonMapper;

	ReportNotificationContent(AccountRepository accounts, Links links, JsonMapper jsonMapper) {
		this.accounts = accounts;
		this.links = links;
		this.jsonMapper = jsonMapper;
	}

	@Override
	public MailContent mail(Notification notification) {
		NotificationPayload payload = payload(notification);
		if (ReportNotifications.OUT_OF_DATE.equals(notification.event())) {
			return ReportMail.outOfDate(payload, this.links.reportRerun(payload.report().id()));
		}
		return ReportMail.of(payload, this.links.reportRestart(payload.report().id()));
	}

	@Override
	public String webhookSecret(Notification notification) {
		return this.accounts.webhookSecret(payload(notification).report().accountId());
	}

	private NotificationPayload payload(Notification notification) {
		return this.jsonMapper.readValue(notification.payload(), NotificationPayload.class);
	}

}
