package org.billingreports.report;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/** {@code Idempotency-Key}s of report requests, per user, kept 24 hours. */
@Repository
class IdempotencyKeys {

	static final Duration KEPT = Duration.ofHours(24);

	/** The report a key was first used for, and a hash of the request it came with. */
	record Use(String requestHash, String reportId) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	IdempotencyKeys(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	Optional<Use> find(String userId, String key) {
		return this.jdbc
			.sql("SELECT request_hash, report_id FROM idempotency_key WHERE user_id = ? AND idempotency_key = ? "
					+ "AND created_at >= ?")
			.params(userId, key, cutoff())
			.query((rs, row) -> new Use(rs.getString("request_hash"), rs.getString("report_id")))
			.optional();
	}

	/** Replaces an expired use of the same key, if any. */
	void record(String userId, String key, String requestHash, String reportId) {
		this.jdbc.sql("DELETE FROM idempotency_key WHERE user_id = ? AND idempotency_key = ?")
			.params(userId, key)
			.update();
		this.jdbc
			.sql("INSERT INTO idempotency_key (user_id, idempotency_key, request_hash, report_id, created_at) "
					+ "VALUES (?, ?, ?, ?, ?)")
			.params(userId, key, requestHash, reportId, now())
			.update();
	}

	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
	void forgetExpired() {
		this.jdbc.sql("DELETE FROM idempotency_key WHERE created_at < ?").param(cutoff()).update();
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
	}

	private OffsetDateTime cutoff() {
		return now().minus(KEPT);
	}

}
