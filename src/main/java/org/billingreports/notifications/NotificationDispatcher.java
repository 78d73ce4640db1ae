package org.billingreports.notifications;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.stereotype.Component;

import org.billingreports.monitoring.BillingMetrics;
import org.billingreports.kernel.ServiceProperties;

/**
 * Delivers pending notifications from the outbox: when one is recorded, and every
 * {@code billing.notifications.poll-interval} for retries and for what an earlier run of the service
 * left behind. A failed attempt is retried with exponential backoff until the attempts or the time
 * allowed run out; then the notification is marked failed. The report's status never changes.
 */
@Component
public class NotificationDispatcher {

	private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);

	private static final int BATCH = 50;

	private final NotificationRepository notifications;

	private final EmailSender email;

	private final WebhookSender webhooks;

	private final NotificationContent content;

	private final NotificationProperties settings;

	private final ExponentialBackOff backOff;

	private final String node;

	private final boolean background;

	private final Duration lease;

	private final Clock clock;

	private final BillingMetrics metrics;

	/** Writes of a delivery's outcome, tried again while the database is away. */
	private final RetryTemplate bookkeeping;

	/** One thread delivers, so that one node never sends one notification twice at once. */
	private final ThreadPoolTaskExecutor worker = new ThreadPoolTaskExecutor();

	private final AtomicBoolean queued = new AtomicBoolean();

	NotificationDispatcher(NotificationRepository notifications, EmailSender email, WebhookSender webhooks,
			NotificationContent content, NotificationProperties properties,
			ServiceProperties service,
			Clock clock, BillingMetrics metrics) {
		this.notifications = notifications;
		this.email = email;
		this.webhooks = webhooks;
		this.content = content;
		this.settings = properties;
		this.backOff = backOff(this.settings.initialBackoff(), this.settings.maxBackoff());
		this.node = service.effectiveNodeName();
		this.background = service.background();
		// Long enough for one attempt; a node that dies mid-attempt frees the notification after it.
		this.lease = this.settings.webhooks().connectTimeout().plus(this.settings.webhooks().readTimeout())
			.plusMinutes(1);
		this.clock = clock;
		this.metrics = metrics;
		this.bookkeeping = new RetryTemplate(RetryPolicy.builder()
			.includes(DataAccessException.class)
			.timeout(this.lease)
			.delay(Duration.ofMillis(200))
			.multiplier(2)
			.maxDelay(Duration.ofSeconds(5))
			.maxRetries(Long.MAX_VALUE)
			.build());
		this.worker.setCorePoolSize(1);
		this.worker.setMaxPoolSize(1);
		this.worker.setThreadNamePrefix("notifications-");
		this.worker.setDaemon(true);
		this.worker.initialize();
	}

	/**
	 * At start-up, the notifications this node was delivering when it last stopped are free again at
	 * once: no attempt of a stopped process is under way (other nodes' claims run out with their lease).
	 */
	@EventListener(ApplicationReadyEvent.class)
	void releaseClaimsOfEarlierRun() {
		if (this.background) {
			int released = this.notifications.releaseClaimsOf(this.node);
			if (released > 0) {
				log.info("Released {} notifications this node was delivering when it last stopped", released);
			}
			wakeUp();
		}
	}

	@Scheduled(fixedDelayString = "${billing.notifications.poll-interval:5s}")
	void poll() {
		wakeUp();
	}

	/** Delivers what is due, soon, on the notification thread. */
	public void wakeUp() {
		if (this.queued.compareAndSet(false, true)) {
			try {
				this.worker.execute(this::deliverDue);
			}
			catch (TaskRejectedException shuttingDown) {
				this.queued.set(false);
			}
		}
	}

	private void deliverDue() {
		this.queued.set(false);
		try {
			List<String> due;
			do {
				due = this.notifications.due(this.clock.instant(), BATCH);
				for (String id : due) {
					if (this.notifications.claim(id, this.node, this.clock.instant(), this.lease)) {
						this.notifications.find(id).ifPresent(this::attempt);
					}
				}
			}
			while (due.size() == BATCH);
		}
		catch (RuntimeException ex) {
			// The database may be away for a moment; the next poll tries again.
			log.warn("Could not deliver notifications now: {}", ex.toString());
		}
	}

	private void attempt(Notification notification) {
		int attempts = notification.attempts() + 1;
		try {
			switch (notification.channel()) {
				case email -> this.email.send(notification, this.content.mail(notification));
				case webhook -> this.webhooks.send(notification, this.content.webhookSecret(notification));
			}
		}
		catch (DeliveryException | RuntimeException ex) {
			failed(notification, attempts, ex.getMessage());
			return;
		}
		// Sent: saying so must not be lost to a database that is away for a moment, or the notification
		// would be sent again once its lease ran out. Tried again until the lease is over.
		this.bookkeeping.invoke(() -> this.notifications.delivered(notification.id(), attempts, this.clock.instant()));
		this.metrics.notification(notification.channel().name(), "delivered");
		log.info("Notification {} ({} to {}) delivered on attempt {}", notification.id(), notification.channel(),
				NotificationInfo.shownTarget(notification), attempts);
	}

	private void failed(Notification notification, int attempts, String error) {
		Instant next = this.clock.instant().plus(delayAfter(this.backOff, attempts));
		if (attempts >= this.settings.maxAttempts()
				|| next.isAfter(notification.createdAt().plus(this.settings.giveUpAfter()))) {
			this.notifications.failed(notification.id(), attempts, error);
			this.metrics.notification(notification.channel().name(), "failed");
			log.error("Notification {} ({} to {}) given up after {} attempts: {}", notification.id(),
					notification.channel(), NotificationInfo.shownTarget(notification), attempts, error);
		}
		else {
			this.notifications.retryLater(notification.id(), attempts, error, next);
			this.metrics.notification(notification.channel().name(), "retrying");
			log.warn("Notification {} ({} to {}) attempt {} failed, next at {}: {}", notification.id(),
					notification.channel(), NotificationInfo.shownTarget(notification), attempts, next, error);
		}
	}

	/**
	 * Spring's exponential backoff: the wait doubles from {@code initial} after each failure, up to
	 * {@code max}, spread by a jitter of 20% so that receivers that fail together are not retried
	 * together.
	 */
	static ExponentialBackOff backOff(Duration initial, Duration max) {
		ExponentialBackOff backOff = new ExponentialBackOff(initial.toMillis(), 2);
		backOff.setMaxInterval(max.toMillis());
		backOff.setJitter(initial.toMillis() / 5);
		return backOff;
	}

	/** The wait after the {@code failures}-th failed attempt (the count is kept in the outbox, not here). */
	static Duration delayAfter(ExponentialBackOff backOff, int failures) {
		BackOffExecution execution = backOff.start();
		long delay = 0;
		for (int i = 0; i < failures; i++) {
			delay = execution.nextBackOff();
		}
		return Duration.ofMillis(delay);
	}

	@PreDestroy
	void stop() {
		this.worker.destroy();
	}

}
