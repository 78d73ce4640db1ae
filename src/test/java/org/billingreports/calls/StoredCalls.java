package org.billingreports.calls;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads an account's stored call records back, for assertions. */
final class StoredCalls {

	private static final String COLUMNS = "call_id, customer_id, channel, direction, from_number, to_number, "
			+ "caller_name, start_time, answer_time, end_time, duration_seconds, billable_seconds, status";

	private final JdbcClient jdbc;

	private final String account;

	StoredCalls(JdbcClient jdbc, String account) {
		this.jdbc = jdbc;
		this.account = account;
	}

	List<String> ids() {
		return this.jdbc.sql("SELECT call_id FROM call_record WHERE account_id = ? ORDER BY call_id")
			.param(this.account)
			.query(String.class)
			.list();
	}

	/**
	 * Every stored field of the call but its id, in column order, separated by {@code |}, times as UTC
	 * instants: {@code customer|channel|direction|from|to|callerName|start|answer|end|duration|billable|status}.
	 */
	String describe(String callId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM call_record WHERE account_id = ? AND call_id = ?")
			.params(this.account, callId)
			.query((rs, n) -> describe(rs))
			.single();
	}

	/** Each stored call described as by {@link #describe(String)}, by its id. */
	Map<String, String> describeAll() {
		Map<String, String> calls = new LinkedHashMap<>();
		this.jdbc.sql("SELECT " + COLUMNS + " FROM call_record WHERE account_id = ? ORDER BY call_id")
			.param(this.account)
			.query((rs, n) -> calls.put(rs.getString("call_id"), describe(rs)))
			.list();
		return calls;
	}

	/** How many calls have each value of the column. */
	Map<String, Long> countBy(String column) {
		Map<String, Long> counts = new LinkedHashMap<>();
		this.jdbc.sql("SELECT " + column + " AS v, COUNT(*) AS n FROM call_record WHERE account_id = ? GROUP BY "
				+ column + " ORDER BY " + column)
			.param(this.account)
			.query((rs, n) -> counts.put(rs.getString("v"), rs.getLong("n")))
			.list();
		return counts;
	}

	long billableSecondsOfCompletedCalls() {
		return this.jdbc
			.sql("SELECT COALESCE(SUM(billable_seconds), 0) FROM call_record WHERE account_id = ? "
					+ "AND status = 'completed'")
			.param(this.account)
			.query(Long.class)
			.single();
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
		return (time != null) ? time.toInstant() : null;
	}

	private static String describe(ResultSet rs) throws SQLException {
		return String.join("|", rs.getString("customer_id"), rs.getString("channel"), rs.getString("direction"),
				rs.getString("from_number"), rs.getString("to_number"), rs.getString("caller_name"),
				String.valueOf(instant(rs, "start_time")), String.valueOf(instant(rs, "answer_time")),
				String.valueOf(instant(rs, "end_time")), rs.getString("duration_seconds"),
				rs.getString("billable_seconds"), rs.getString("status"));
	}

}
