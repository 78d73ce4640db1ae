package org.billingreports.notifications;

/**
 * What a notification says and how it is signed, supplied by whoever recorded it (the reports): the
 * delivery here only carries it. A webhook's body is the notification's payload as recorded.
 */
public interface NotificationContent {

	/** The mail that an e-mail notification sends. */
	MailContent mail(Notification notification);

	/** The secret that signs a webhook notification. */
	String webhookSecret(Notification notification);

}
