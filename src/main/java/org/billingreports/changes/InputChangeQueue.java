package org.billingreports.changes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.billingreports.kernel.Utc;

/**
 * The recorded changes, taken up in the order they were recorded by whichever node claims each first:
 * a node that dies holding one loses it when its claim runs out, and another takes it up.
 */
@Component
public class InputChangeQueue {

	/**
	 * A recorded change.
	 * @param firstStart for calls: the earliest start time the import stored ({@code null} otherwise)
	 * @param lastStart for calls: the latest
	 * @param subject calls: the import; rateDeck: the deck; versionCompleted: the report
	 * @param subjectVersion rateDeck: the deck's new version; versionCompleted: the report's version
	 */
	public record InputChange(long id, String accountId, InputChanges.Kind kind, Instant firstStart, Instant lastStart,
			String subject, Integer subjectVersion, String detail, Instant createdAt) {
	}

	private final JdbcClient jdbc;

	InputChangeQueue(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Changes not taken up yet and not held by a node, oldest first. */
	public List<Long> pending(Instant now, int limit) {
		return this.jdbc
			.sql("SELECT id FROM input_change WHERE processed_at IS NULL AND (claimed_until IS NULL OR claimed_until < ?) "
					+ "ORDER BY id LIMIT ?")
			.params(Utc.of(now), limit)
			.query(Long.class)
			.list();
	}

	/** Takes a change for this node until {@code now + lease}; only one node succeeds. */
	public boolean claim(long id, String node, Instant now, Duration lease) {
		return this.jdbc
			.sql("UPDATE input_change SET claimed_by = ?, claimed_until = ? WHERE id = ? AND processed_at IS NULL "
					+ "AND (claimed_until IS NULL OR claimed_until < ?)")
			.params(node, Utc.of(now.plus(lease)), id, Utc.of(now))
			.update() == 1;
	}

	public InputChange find(long id) {
		return this.jdbc.sql("SELECT * FROM input_change WHERE id = ?").param(id).query(InputChangeQueue::change).single();
	}

	/** Taken up: in the transaction of what it marked. */
	public void processed(long id, Instant now) {
		this.jdbc.sql("UPDATE input_change SET processed_at = ?, claimed_by = NULL, claimed_until = NULL WHERE id = ?")
			.params(Utc.of(now), id)
			.update();
	}

	/**
	 * Whether the account has a change of this kind recorded at or after {@code since}; for calls, one whose
	 * start times reach into {@code [from, to)}.
	 */
	public boolean changedSince(String accountId, InputChanges.Kind kind, Instant since, Instant from, Instant to) {
		return this.jdbc
			.sql("SELECT COUNT(*) FROM input_change WHERE account_id = ? AND kind = ? AND created_at >= ? "
					+ "AND (first_start IS NULL OR (first_start < ? AND last_start >= ?))")
			.params(accountId, kind.name(), Utc.of(since), Utc.of(to), Utc.of(from))
			.query(Long.class)
			.single() > 0;
	}

	/** Forgets changes taken up before {@code before}. */
	public int forgetProcessedBefore(Instant before) {
		return this.jdbc.sql("DELETE FROM input_change WHERE processed_at < ?").param(Utc.of(before)).update();
	}

	private static InputChange change(ResultSet rs, int row) throws SQLException {
		int version = rs.getInt("subject_version");
		Integer subjectVersion = rs.wasNull() ? null : version;
		return new InputChange(rs.getLong("id"), rs.getString("account_id"),
				InputChanges.Kind.valueOf(rs.getString("kind")), instant(rs, "first_start"), instant(rs, "last_start"),
				rs.getString("subject"), subjectVersion, rs.getString("detail"), instant(rs, "created_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
		return (time != null) ? time.toInstant() : null;
	}

}
