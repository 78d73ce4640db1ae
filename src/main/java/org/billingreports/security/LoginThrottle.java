package org.billingreports.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;


/**
 * Slows down password guessing: after too many failed logins for one user name (or API key) from one
 * address, or from one address for any names, within a window, further attempts are refused without
 * checking the credentials until the window has passed. Counting a user name per address keeps a
 * stranger from locking a user out by failing on purpose. Kept in memory, per node.
 */
@Component
class LoginThrottle {

	private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

	private final int maxPerUser;

	private final int maxPerAddress;

	private final Duration window;

	private final Clock clock;

	private volatile boolean ready;

	LoginThrottle(SecurityProperties properties, Clock clock) {
		SecurityProperties.Logins logins = properties.logins();
		this.maxPerUser = logins.maxFailuresPerUser();
		this.maxPerAddress = logins.maxFailuresPerAddress();
		this.window = logins.window();
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	void ready() {
		this.ready = true;
	}

	/** @return how long the caller must wait, or {@code null} when it may try */
	Duration blockedFor(String user, String address) {
		Instant now = this.clock.instant();
		Duration byUser = blocked(userKey(user, address), this.maxPerUser, now);
		Duration byAddress = blocked("address:" + address, this.maxPerAddress, now);
		if (byUser == null) {
			return byAddress;
		}
		return (byAddress == null || byUser.compareTo(byAddress) > 0) ? byUser : byAddress;
	}

	/**
	 * Counts a failed login, once the service is ready: before that a login may fail only because the
	 * service is still starting, and must not lock anybody out.
	 */
	void failed(String user, String address) {
		if (!this.ready) {
			return;
		}
		Instant now = this.clock.instant();
		record(userKey(user, address), now);
		record("address:" + address, now);
	}

	void succeeded(String user, String address) {
		this.failures.remove(userKey(user, address));
	}

	private static String userKey(String user, String address) {
		return "user:" + user + "@" + address;
	}

	private Duration blocked(String key, int max, Instant now) {
		Deque<Instant> recent = this.failures.get(key);
		if (recent == null) {
			return null;
		}
		synchronized (recent) {
			prune(recent, now);
			if (recent.size() < max) {
				return null;
			}
			return Duration.between(now, recent.peekFirst().plus(this.window));
		}
	}

	private void record(String key, Instant now) {
		Deque<Instant> recent = this.failures.computeIfAbsent(key, k -> new ArrayDeque<>());
		synchronized (recent) {
			prune(recent, now);
			recent.addLast(now);
		}
	}

	private void prune(Deque<Instant> recent, Instant now) {
		while (!recent.isEmpty() && !recent.peekFirst().plus(this.window).isAfter(now)) {
			recent.removeFirst();
		}
	}

}
