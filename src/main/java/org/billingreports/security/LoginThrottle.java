package org.billingreports.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.billingreports.kernel.Utc;

/**
 * Slows down password guessing, with counts shared by all nodes ({@code login_failure}): after too many failed
 * logins of one user name (or API key) from one address within the window, that name is refused from that
 * address without its credentials being checked until the window has passed; after too many from one address
 * for any names, so is every name that has not signed in from that address within the window, so that people
 * behind one address (an office, a carrier's NAT) are not locked out by one of them, nor by a stranger failing
 * on purpose. Switches pushing legs count in a scope of their own: a switch with a wrong credential never
 * holds people back. Each node reads every node's counts at most once a second, and its own at once.
 */
@Component
class LoginThrottle {

	/** Whose failures count together. */
	enum Scope {

		/** people signing in, and API keys */
		people,
		/** switches pushing call records */
		ingestion

	}

	/** How often every node's counts are read again. */
	private static final Duration FRESH = Duration.ofSeconds(1);

	/** Every node's recent failures and sign-ins, by key, as read at {@code readAt}. */
	private record Counts(Map<String, List<Instant>> failures, Map<String, Instant> successes, Instant readAt) {

		static final Counts NONE = new Counts(Map.of(), Map.of(), Instant.EPOCH);

	}

	private final JdbcClient jdbc;

	private final int maxPerUser;

	private final int maxPerAddress;

	private final Duration window;

	private final Clock clock;

	private volatile Counts counts = Counts.NONE;

	private volatile boolean ready;

	LoginThrottle(JdbcClient jdbc, SecurityProperties properties, Clock clock) {
		this.jdbc = jdbc;
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
	Duration blockedFor(Scope scope, String user, String address) {
		Instant now = this.clock.instant();
		Counts current = current(now);
		Duration byUser = blocked(current.failures().get(userKey(scope, user, address)), this.maxPerUser, now);
		Instant signedIn = current.successes().get(userKey(scope, user, address));
		Duration byAddress = (signedIn != null && signedIn.plus(this.window).isAfter(now)) ? null
				: blocked(current.failures().get(addressKey(scope, address)), this.maxPerAddress, now);
		if (byUser == null) {
			return byAddress;
		}
		return (byAddress == null || byUser.compareTo(byAddress) > 0) ? byUser : byAddress;
	}

	/**
	 * Counts a failed login, once the service is ready: before that a login may fail only because the
	 * service is still starting, and must not lock anybody out.
	 */
	void failed(Scope scope, String user, String address) {
		if (!this.ready) {
			return;
		}
		Instant now = this.clock.instant();
		Counts before = current(now);
		this.jdbc.sql("INSERT INTO login_failure (scope, user_key, address, failed_at) VALUES (?, ?, ?, ?)")
			.params(scope.name(), cut(user, 200), cut(address, 64), Utc.of(now))
			.update();
		synchronized (this) {
			// Counted here at once, unless the counts were read again meanwhile: they may hold it already, and a
			// failure counted twice would hold a name back early. (Read before it, it is counted a second later.)
			if (this.counts != before) {
				return;
			}
			Map<String, List<Instant>> failures = new HashMap<>(before.failures());
			failures.merge(userKey(scope, user, address), List.of(now), LoginThrottle::joined);
			failures.merge(addressKey(scope, address), List.of(now), LoginThrottle::joined);
			this.counts = new Counts(failures, before.successes(), before.readAt());
		}
	}

	/**
	 * A login that succeeded: the name's failures from the address are forgotten, and the address's failures no
	 * longer hold it back. Written at most once a tenth of the window per name and address, not each request.
	 */
	void succeeded(Scope scope, String user, String address) {
		Instant now = this.clock.instant();
		Counts current = current(now);
		String key = userKey(scope, user, address);
		Instant recorded = current.successes().get(key);
		boolean failedBefore = current.failures().containsKey(key);
		if (!failedBefore && recorded != null && recorded.plus(this.window.dividedBy(10)).isAfter(now)) {
			return;
		}
		Object[] where = { scope.name(), cut(user, 200), cut(address, 64) };
		if (failedBefore) {
			this.jdbc.sql("DELETE FROM login_failure WHERE scope = ? AND user_key = ? AND address = ?").params(where).update();
		}
		String update = "UPDATE login_success SET succeeded_at = ? WHERE scope = ? AND user_key = ? AND address = ?";
		if (this.jdbc.sql(update).params(Utc.of(now), where[0], where[1], where[2]).update() == 0) {
			this.jdbc.sql("INSERT INTO login_success (scope, user_key, address, succeeded_at) VALUES (?, ?, ?, ?) "
					+ "ON CONFLICT DO NOTHING").params(where[0], where[1], where[2], Utc.of(now)).update();
		}
		synchronized (this) {
			Counts latest = current(now);
			Map<String, List<Instant>> failures = new HashMap<>(latest.failures());
			failures.remove(key);
			Map<String, Instant> successes = new HashMap<>(latest.successes());
			successes.put(key, now);
			this.counts = new Counts(failures, successes, latest.readAt());
		}
	}

	/** Every node's counts, read again when they are older than a second; old rows are deleted then. */
	private Counts current(Instant now) {
		Counts known = this.counts;
		if (known.readAt().plus(FRESH).isAfter(now)) {
			return known;
		}
		synchronized (this) {
			if (this.counts.readAt().plus(FRESH).isAfter(now)) {
				return this.counts;
			}
			OffsetDateTime since = Utc.of(now.minus(this.window));
			this.jdbc.sql("DELETE FROM login_failure WHERE failed_at <= ?").param(since).update();
			this.jdbc.sql("DELETE FROM login_success WHERE succeeded_at <= ?").param(since).update();
			Map<String, List<Instant>> failures = new HashMap<>();
			this.jdbc.sql("SELECT scope, user_key, address, failed_at FROM login_failure ORDER BY failed_at").query(rs -> {
				Scope scope = Scope.valueOf(rs.getString("scope"));
				Instant at = rs.getObject("failed_at", OffsetDateTime.class).toInstant();
				String address = rs.getString("address");
				failures.computeIfAbsent(userKey(scope, rs.getString("user_key"), address), k -> new ArrayList<>()).add(at);
				failures.computeIfAbsent(addressKey(scope, address), k -> new ArrayList<>()).add(at);
			});
			Map<String, Instant> successes = new HashMap<>();
			this.jdbc.sql("SELECT scope, user_key, address, succeeded_at FROM login_success").query(rs -> {
				successes.put(userKey(Scope.valueOf(rs.getString("scope")), rs.getString("user_key"), rs.getString("address")),
						rs.getObject("succeeded_at", OffsetDateTime.class).toInstant());
			});
			this.counts = new Counts(failures, successes, now);
			return this.counts;
		}
	}

	/** How long until the oldest failure leaves the window, when there are {@code max} or more within it. */
	private Duration blocked(List<Instant> failures, int max, Instant now) {
		if (failures == null) {
			return null;
		}
		List<Instant> recent = failures.stream().filter(at -> at.plus(this.window).isAfter(now)).toList();
		return (recent.size() < max) ? null : Duration.between(now, recent.get(0).plus(this.window));
	}

	private static List<Instant> joined(List<Instant> earlier, List<Instant> added) {
		List<Instant> all = new ArrayList<>(earlier);
		all.addAll(added);
		return all;
	}

	private static String userKey(Scope scope, String user, String address) {
		return scope + "|user:" + cut(user, 200) + "@" + cut(address, 64);
	}

	private static String addressKey(Scope scope, String address) {
		return scope + "|address:" + cut(address, 64);
	}

	private static String cut(String text, int max) {
		return (text.length() <= max) ? text : text.substring(0, max);
	}

}
