package org.billingreports.notifications;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * E-mail and webhook delivery ({@code api.md}, Notifications; {@code billing.notifications.*}).
 * @param mailFrom the sender of notification mails
 * @param mailOutbox where mails are written as .eml files when no SMTP server is configured
 * ({@code spring.mail.host}); {@code <data-dir>/mail-outbox} when not set
 * @param pollInterval how often pending notifications are looked for
 * @param initialBackoff the wait after the first failed attempt; it doubles with each failure
 * @param maxBackoff the longest wait between two attempts
 * @param giveUpAfter a notification not delivered this long after the job ended is marked failed
 * @param maxAttempts a notification is marked failed after this many attempts
 * @param webhooks how webhooks are called
 */
@ConfigurationProperties("billing.notifications")
public record NotificationProperties(@DefaultValue("billing@localhost") String mailFrom, Path mailOutbox,
		@DefaultValue("5s") Duration pollInterval, @DefaultValue("30s") Duration initialBackoff,
		@DefaultValue("1h") Duration maxBackoff, @DefaultValue("24h") Duration giveUpAfter,
		@DefaultValue("30") int maxAttempts, @DefaultValue Webhooks webhooks) {

	/**
	 * @param connectTimeout how long to wait for a connection
	 * @param readTimeout how long to wait for the answer
	 * @param maxResponseBytes how much of an answer is read (the rest is ignored)
	 * @param allowedHosts hosts, as written in webhook URLs, that may be internal addresses (loopback,
	 * private, link-local); any other host resolving to one is refused
	 */
	public record Webhooks(@DefaultValue("5s") Duration connectTimeout, @DefaultValue("10s") Duration readTimeout,
			@DefaultValue("4096") int maxResponseBytes, @DefaultValue List<String> allowedHosts) {
	}

	/** Where mails go when no SMTP server is configured: one .eml file each. */
	Path mailOutboxDir(Path dataDir) {
		return (this.mailOutbox != null) ? this.mailOutbox : dataDir.resolve("mail-outbox");
	}

}
