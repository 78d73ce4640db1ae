package org.billingreports.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * The application as reports that stay true are tested: recorded changes taken up every 200 ms,
 * notifications delivered at once to a receiver on loopback, the {@link RatingGate} around rating; the
 * nightly reruns never looked for on their own (a test asks for them at the instants it chooses, so that
 * quiet periods need no waiting); a verification always answered as still running (202), to be followed.
 * Every test class with it shares one application.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Import(RatingGate.Configuration.class)
@TestPropertySource(properties = { "billing.out-of-date.poll-interval=200ms",
		"billing.notifications.poll-interval=200ms", "billing.notifications.initial-backoff=100ms",
		"billing.notifications.max-backoff=300ms", "billing.notifications.webhooks.allowed-hosts=127.0.0.1",
		"billing.notifications.mail-from=billing@example.com", "billing.nightly.rerun-check-interval=24h",
		"billing.limits.verify-answer-within=0s" })
public @interface OutOfDateReports {
}
