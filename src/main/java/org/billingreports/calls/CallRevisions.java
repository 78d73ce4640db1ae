package org.billingreports.calls;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.jdbc.core.JdbcTemplate;

import org.billingreports.rating.Channel;
import org.billingreports.rating.Direction;
import org.billingreports.rating.RatingSql;

/**
 * Stores a chunk of an import with {@code onDuplicate=replace}: a line whose call is not stored yet is
 * its first revision; one stored with the same values is a duplicate; one stored with other values is
 * stored as a new row, the call's next revision, and the revision it replaces is recorded as replaced
 * ({@code call_record_correction}). No row is ever updated: the old revision stays for the report versions
 * that billed it. Within a chunk the last line of a call wins (and a later chunk's line is a newer revision
 * of an earlier one's), so that a file's last word on a call is what stays current. A record whose identity
 * was made from its line's content is never corrected: a changed line is another call.
 */
final class CallRevisions {

	/** Call ids looked up per statement. */
	private static final int LOOKUP = 500;

	private static final String INSERT = "INSERT INTO call_record (" + CallRecordWriter.COLUMNS + ", revision) "
			+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

	/** The new revision supersedes the current one: found by its key, its id is the database's. */
	private static final String SUPERSEDE = "INSERT INTO call_record_correction (superseded_id, superseding_id, "
			+ "account_id, import_id) SELECT ?, id, account_id, import_id FROM call_record "
			+ "WHERE account_id = ? AND call_id = ? AND revision = ? ON CONFLICT DO NOTHING";

	private final JdbcTemplate jdbc;

	private final CallImportRepository.CallImport callImport;

	CallRevisions(JdbcTemplate jdbc, CallImportRepository.CallImport callImport) {
		this.jdbc = jdbc;
		this.callImport = callImport;
	}

	/** A call's current revision, as stored. */
	private record Current(long id, int revision, CallRecord record) {
	}

	/** A revision to store: the record, its revision, and the id of the one it replaces (or 0). */
	private record Revision(CallRecord record, int revision, long supersedes) {
	}

	void store(List<? extends CallRecord> chunk) throws SQLException {
		Map<String, CallRecord> lastOfEach = new LinkedHashMap<>();
		for (CallRecord record : chunk) {
			lastOfEach.remove(record.callId());
			lastOfEach.put(record.callId(), record);
		}
		Map<String, Current> current = current(new ArrayList<>(lastOfEach.keySet()));
		List<Revision> revisions = new ArrayList<>();
		for (CallRecord record : lastOfEach.values()) {
			Current stored = current.get(record.callId());
			if (stored == null) {
				revisions.add(new Revision(record, 1, 0));
			}
			else if (!record.identityFromContent() && !sameValues(stored.record(), record)) {
				revisions.add(new Revision(record, stored.revision() + 1, stored.id()));
			}
		}
		if (revisions.isEmpty()) {
			return;
		}
		this.jdbc.batchUpdate(INSERT, revisions, revisions.size(), (ps, revision) -> {
			CallRecordWriter.bind(ps, revision.record(), this.callImport.accountId(), this.callImport.id());
			ps.setInt(17, revision.revision());
		});
		List<Revision> corrections = revisions.stream().filter(revision -> revision.supersedes() > 0).toList();
		if (corrections.isEmpty()) {
			return;
		}
		this.jdbc.batchUpdate(SUPERSEDE, corrections, corrections.size(), (ps, revision) -> {
			ps.setLong(1, revision.supersedes());
			ps.setString(2, this.callImport.accountId());
			ps.setString(3, revision.record().callId());
			ps.setInt(4, revision.revision());
		});
	}

	/** The current revision of each of these calls of the account that is stored. */
	private Map<String, Current> current(List<String> callIds) {
		Map<String, Current> current = new HashMap<>();
		for (int from = 0; from < callIds.size(); from += LOOKUP) {
			List<String> part = callIds.subList(from, Math.min(callIds.size(), from + LOOKUP));
			List<Object> params = new ArrayList<>(part.size() + 1);
			params.add(this.callImport.accountId());
			params.addAll(part);
			this.jdbc.query("SELECT * FROM call_record c WHERE account_id = ? AND call_id IN ("
					+ String.join(", ", Collections.nCopies(part.size(), "?")) + ") AND " + RatingSql.current("c"), rs -> {
						current.put(rs.getString("call_id"),
								new Current(rs.getLong("id"), rs.getInt("revision"), stored(rs)));
					}, params.toArray());
		}
		return current;
	}

	private static CallRecord stored(ResultSet rs) throws SQLException {
		return new CallRecord(rs.getString("call_id"), rs.getString("customer_id"),
				Channel.parse(rs.getString("channel")), Direction.parse(rs.getString("direction")), rs.getString("from_number"),
				rs.getString("to_number"), rs.getString("caller_name"), instant(rs, "start_time"),
				instant(rs, "answer_time"), instant(rs, "end_time"), rs.getLong("duration_seconds"),
				rs.getLong("billable_seconds"), rs.getString("status"), rs.getBigDecimal("carrier_cost"));
	}

	/** Whether the line says what is stored: every stored value equal, amounts by value (0.10 = 0.1). */
	private static boolean sameValues(CallRecord stored, CallRecord line) {
		return Objects.equals(stored.customer(), line.customer()) && stored.channel() == line.channel()
				&& stored.direction() == line.direction() && Objects.equals(stored.from(), line.from())
				&& Objects.equals(stored.to(), line.to()) && Objects.equals(stored.callerName(), line.callerName())
				&& Objects.equals(stored.startTime(), line.startTime())
				&& Objects.equals(stored.answerTime(), line.answerTime())
				&& Objects.equals(stored.endTime(), line.endTime()) && stored.durationSeconds() == line.durationSeconds()
				&& stored.billableSeconds() == line.billableSeconds() && Objects.equals(stored.status(), line.status())
				&& sameAmount(stored.carrierCost(), line.carrierCost());
	}

	private static boolean sameAmount(BigDecimal stored, BigDecimal line) {
		return stored.compareTo(line) == 0;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
		return (time != null) ? time.toInstant() : null;
	}

}
