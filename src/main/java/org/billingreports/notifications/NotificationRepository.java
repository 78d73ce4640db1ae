package org.billingreports.notifications;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import org.billingreports.kernel.Text;
import org.billingreports.kernel.Utc;

/** The notification outbox. */
@Repository
public class NotificationRepository {

	private static final int MAX_ERROR = 1000;

	private final JdbcClient jdbc;

	NotificationRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Idempotent: a second row for the same execution, channel and event key is not written. */
	public void insertIfAbsent(Notification notification) {
		this.jdbc
			.sql("INSERT INTO notification (id, report_id, version, job_execution_id, channel, target, event, "
					+ "event_key, payload, status, attempts, next_attempt_at, created_at) "
					+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?) ON CONFLICT DO NOTHING")
			.params(notification.id(), notification.reportId(), notification.version(), notification.jobExecutionId(),
					notification.channel().name(), notification.target(), notification.event(),
					notification.eventKey(), notification.payload(), Notification.Status.pending.name(), Utc.of(notification.nextAttemptAt()),
					Utc.of(notification.createdAt()))
			.update();
	}

	Optional<Notification> find(String id) {
		return this.jdbc.sql("SELECT * FROM notification WHERE id = ?")
			.param(id)
			.query(NotificationRepository::notification)
			.optional();
	}

	List<Notification> findByReport(String reportId) {
		return this.jdbc.sql("SELECT * FROM notification WHERE report_id = ? ORDER BY created_at, version, channel")
			.param(reportId)
			.query(NotificationRepository::notification)
			.list();
	}

	/** Pending notifications whose time has come, not held by a node. */
	List<String> due(Instant now, int limit) {
		return this.jdbc
			.sql("SELECT id FROM notification WHERE status = 'pending' AND next_attempt_at <= ? "
					+ "AND (locked_until IS NULL OR locked_until < ?) ORDER BY next_attempt_at LIMIT ?")
			.params(Utc.of(now), Utc.of(now), limit)
			.query(String.class)
			.list();
	}

	/**
	 * Takes a notification for one delivery attempt; only one node succeeds, and a node that dies
	 * holding it loses it when the lease runs out.
	 */
	boolean claim(String id, String node, Instant now, Duration lease) {
		return this.jdbc
			.sql("UPDATE notification SET locked_by = ?, locked_until = ? WHERE id = ? AND status = 'pending' "
					+ "AND (locked_until IS NULL OR locked_until < ?)")
			.params(node, Utc.of(now.plus(lease)), id, Utc.of(now))
			.update() == 1;
	}

	/** Claims a node held when it stopped: its attempts ended with it. */
	int releaseClaimsOf(String node) {
		return this.jdbc
			.sql("UPDATE notification SET locked_by = NULL, locked_until = NULL WHERE locked_by = ? AND status = 'pending'")
			.param(node)
			.update();
	}

	void delivered(String id, int attempts, Instant now) {
		this.jdbc
			.sql("UPDATE notification SET status = 'delivered', attempts = ?, delivered_at = ?, last_error = NULL, "
					+ "next_attempt_at = NULL, locked_by = NULL, locked_until = NULL WHERE id = ?")
			.params(attempts, Utc.of(now), id)
			.update();
	}

	void retryLater(String id, int attempts, String error, Instant nextAttemptAt) {
		this.jdbc
			.sql("UPDATE notification SET attempts = ?, last_error = ?, next_attempt_at = ?, locked_by = NULL, "
					+ "locked_until = NULL WHERE id = ?")
			.params(attempts, truncate(error), Utc.of(nextAttemptAt), id)
			.update();
	}

	void failed(String id, int attempts, String error) {
		this.jdbc
			.sql("UPDATE notification SET status = 'failed', attempts = ?, last_error = ?, next_attempt_at = NULL, "
					+ "locked_by = NULL, locked_until = NULL WHERE id = ?")
			.params(attempts, truncate(error), id)
			.update();
	}

	/**
	 * A notification that gave up becomes due again now, for one more attempt.
	 * @return whether it was the report's and had given up
	 */
	boolean requeue(String id, String reportId, Instant now) {
		return this.jdbc
			.sql("UPDATE notification SET status = 'pending', next_attempt_at = ?, locked_by = NULL, locked_until = NULL "
					+ "WHERE id = ? AND report_id = ? AND status = 'failed'")
			.params(Utc.of(now), id, reportId)
			.update() == 1;
	}

	private static Notification notification(ResultSet rs, int row) throws SQLException {
		return new Notification(rs.getString("id"), rs.getString("report_id"), rs.getInt("version"),
				rs.getLong("job_execution_id"), Notification.Channel.valueOf(rs.getString("channel")),
				rs.getString("target"), rs.getString("event"), rs.getString("event_key"), rs.getString("payload"), Notification.Status.valueOf(rs.getString("status")), rs.getInt("attempts"),
				rs.getString("last_error"), instant(rs, "next_attempt_at"), instant(rs, "created_at"),
				instant(rs, "delivered_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
		return (time != null) ? time.toInstant() : null;
	}

	private static String truncate(String text) {
		return Text.fitted(text, MAX_ERROR);
	}

}
