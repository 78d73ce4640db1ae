package org.billingreports.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import org.billingreports.kernel.ApiException;
import org.billingreports.kernel.RequestLimits;
import org.billingreports.kernel.Utc;

/**
 * How many requests of a kind a caller may make in a minute, all nodes together ({@code api.md}, Limits):
 * report launches and uploads ({@code billing.limits.requests-per-minute}), and pushed call records
 * ({@code billing.limits.ingestion-requests-per-minute}), counted apart so that a switch never uses up a
 * person's launches. A node counts in memory and adds its counts to {@code request_quota} every second, reading
 * back what all nodes counted: a switch posting thousands of legs a second costs no write per leg, and the
 * nodes together may go past a limit by what they took in that second, no more.
 */
@Component
public class RequestQuotas {

	/** The kinds of request, each with its own limit. */
	public enum Kind {

		/** report launches and reruns, call-record and rate-deck uploads */
		launches,
		/** call records pushed by switches */
		ingestion

	}

	/** Counts of a caller and kind in one minute: what all nodes had stored, and this node's since. */
	private static final class Window {

		final Instant minute;

		final AtomicLong unflushed = new AtomicLong();

		volatile long stored;

		Window(Instant minute) {
			this.minute = minute;
		}

	}

	private record Key(String caller, Kind kind) {
	}

	private final Map<Key, Window> windows = new ConcurrentHashMap<>();

	private final JdbcClient jdbc;

	private final Clock clock;

	private final RequestLimits limits;

	RequestQuotas(JdbcClient jdbc, Clock clock, RequestLimits limits) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.limits = limits;
	}

	/** Counts one request of the caller; 429 with {@code Retry-After} (the next minute) past the limit. */
	public void spend(Caller caller, Kind kind) {
		Instant now = this.clock.instant();
		Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
		Window window = this.windows.compute(new Key(callerKey(caller), kind),
				(key, known) -> (known != null && known.minute.equals(minute)) ? known : new Window(minute));
		long limit = (kind == Kind.ingestion) ? this.limits.ingestionRequestsPerMinute() : this.limits.requestsPerMinute();
		if (window.stored + window.unflushed.incrementAndGet() > limit) {
			window.unflushed.decrementAndGet();
			Duration wait = Duration.between(now, minute.plus(1, ChronoUnit.MINUTES));
			throw ApiException.tooManyRequests("TooManyRequests", "More than " + limit + " "
					+ ((kind == Kind.ingestion) ? "pushed call records" : "report launches and uploads")
					+ " a minute from this caller; try again in " + Math.max(1, wait.toSeconds()) + " seconds", wait);
		}
	}

	/** Adds this node's counts to every node's, and reads back the sums; forgets windows that have passed. */
	@Scheduled(fixedDelayString = "1s")
	void flush() {
		Instant current = this.clock.instant().truncatedTo(ChronoUnit.MINUTES);
		this.windows.forEach((key, window) -> {
			if (window.minute.isBefore(current)) {
				this.windows.remove(key, window);
				add(key, window.minute, window.unflushed.getAndSet(0));
				return;
			}
			// Read back even with nothing to add: the other nodes' counts have grown.
			window.stored = add(key, window.minute, window.unflushed.getAndSet(0));
		});
		this.jdbc.sql("DELETE FROM request_quota WHERE started_at < ?").param(Utc.of(current.minus(1, ChronoUnit.HOURS))).update();
	}

	/** @return what all nodes have counted for the caller, kind and minute, with {@code counted} added */
	private long add(Key key, Instant minute, long counted) {
		Object[] where = { key.caller(), key.kind().name(), Utc.of(minute) };
		if (counted == 0) {
			return this.jdbc.sql("SELECT COALESCE(SUM(requests), 0) FROM request_quota WHERE caller_key = ? AND kind = ? "
					+ "AND started_at = ?").params(where).query(Long.class).single();
		}
		String update = "UPDATE request_quota SET requests = requests + ? WHERE caller_key = ? AND kind = ? AND started_at = ?";
		if (this.jdbc.sql(update).params(counted, where[0], where[1], where[2]).update() == 0
				&& this.jdbc.sql("INSERT INTO request_quota (caller_key, kind, started_at, requests) VALUES (?, ?, ?, ?) "
						+ "ON CONFLICT DO NOTHING").params(where[0], where[1], where[2], counted).update() == 0) {
			// Another node made the row between the two statements.
			this.jdbc.sql(update).params(counted, where[0], where[1], where[2]).update();
		}
		return this.jdbc.sql("SELECT requests FROM request_quota WHERE caller_key = ? AND kind = ? AND started_at = ?")
			.params(where)
			.query(Long.class)
			.single();
	}

	private static String callerKey(Caller caller) {
		if (caller.switchCredentialId() != null) {
			return "switch:" + caller.switchCredentialId();
		}
		return (caller.userId() != null) ? "user:" + caller.userId() : "name:" + caller.getUsername();
	}

}
