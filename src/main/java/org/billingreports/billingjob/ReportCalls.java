package org.billingreports.billingjob;

import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import org.billingreports.kernel.Utc;
import org.billingreports.rating.RatingSql;

/**
 * Which call records a report rates: its account's current revisions (a corrected record's newest),
 * started within its period ({@code api.md}, Billing), and for a Customer user's report only those of the
 * customers it covers.
 */
final class ReportCalls {

	private static final String IN_PERIOD = "account_id = :accountId AND start_time >= :start AND start_time < :end "
			+ "AND " + RatingSql.current("call_record");

	private static final String IN_SCOPE = " AND customer_id IN "
			+ "(SELECT customer_id FROM report_customer_scope WHERE report_id = :reportId)";

	private final Map<String, Object> parameters;

	private final String where;

	ReportCalls(ReportToBill report) {
		this.parameters = Map.of("accountId", report.accountId(), "start",
				Utc.of(report.period().start()), "end",
				Utc.of(report.period().end()), "reportId", report.run().reportId(),
				"version", report.run().version());
		this.where = report.isScoped() ? IN_PERIOD + IN_SCOPE : IN_PERIOD;
	}

	/** How many call records there are, and the range of their ids. */
	record Span(long count, long minId, long maxId) {
	}

	Span span(NamedParameterJdbcTemplate jdbc) {
		return jdbc.queryForObject("SELECT COUNT(*), MIN(id), MAX(id) FROM call_record WHERE " + this.where,
				this.parameters, (rs, row) -> new Span(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
	}

	/** What makes {@link #ratingInsert(boolean, String)} keep a row written before instead of failing on it. */
	static final String KEEPING_EXISTING_ROWS = " ON CONFLICT DO NOTHING";

	/**
	 * H2 would read each range through the (account, start time) index, the whole period every time
	 * (1,000,000 calls: 31 s instead of seconds); PostgreSQL's planner takes the id index by itself.
	 */
	private static final String BY_ID_ON_H2 = " USE INDEX (call_record_account_id)";

	/**
	 * Rates the calls with ids from {@code :first} to {@code :last} into billing rows, in one statement.
	 * @param h2 whether the database is H2, which must be told to read by id
	 * @param except the calls to leave out (a condition on {@code call_record}), or {@code null}
	 */
	String ratingInsert(boolean h2, String except) {
		return "INSERT INTO billing_row (report_id, version, call_record_id, customer_id, item, units, raw_cost) "
				+ "SELECT :reportId, :version, id, customer_id, " + RatingSql.item() + ", " + RatingSql.units() + ", "
				+ RatingSql.rawCost() + " FROM call_record" + (h2 ? BY_ID_ON_H2 : "") + " WHERE " + this.where
				+ " AND id >= :first AND id <= :last" + ((except != null) ? " AND NOT (" + except + ")" : "");
	}

	/**
	 * The call records with ids from {@code :first} to {@code :last} that match {@code only} (a condition on
	 * {@code call_record}), with what a rate deck prices them by.
	 */
	String callsToPrice(boolean h2, String only) {
		return "SELECT id, customer_id, channel, direction, status, billable_seconds, carrier_cost, from_number, "
				+ "to_number, start_time FROM call_record" + (h2 ? BY_ID_ON_H2 : "") + " WHERE " + this.where
				+ " AND id >= :first AND id <= :last AND (" + only + ")";
	}

	/** The parameters of the statements over the range: {@code :first} and {@code :last} too. */
	Map<String, Object> parameters(IdRange range) {
		Map<String, Object> parameters = new HashMap<>(this.parameters);
		parameters.put("first", range.first());
		parameters.put("last", range.last());
		return parameters;
	}

}
