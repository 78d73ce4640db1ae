package org.billingreports.bench;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the database does alone, with no Java in the loop: the same billing rows computed and
 * inserted by one {@code INSERT … SELECT} ({@code api.md}, Billing: the item from channel and direction; a
 * completed voice call bills its started minutes, an SMS or fax 1; anything not completed 0 at no
 * cost), then the per-customer lines by one {@code GROUP BY}.
 */
final class SqlBaseline {

	static final String REPORT_ID = "sql-baseline";

	private static final String ITEM = "CASE WHEN channel = 'voice' AND direction = 'inbound' THEN 3 "
			+ "WHEN channel = 'voice' THEN 4 WHEN channel = 'fax' AND direction = 'inbound' THEN 5 "
			+ "WHEN channel = 'fax' THEN 6 WHEN direction = 'inbound' THEN 7 ELSE 8 END";

	private static final String UNITS = "CASE WHEN LOWER(status) <> 'completed' THEN 0 WHEN channel <> 'voice' THEN 1 "
			+ "WHEN billable_seconds <= 0 THEN 0 ELSE (billable_seconds + 59) / 60 END";

	private static final String RAW_COST = "CASE WHEN LOWER(status) = 'completed' THEN carrier_cost ELSE 0 END";

	private final JdbcClient jdbc;

	SqlBaseline(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Inserts the billing rows of the period, then sums them per customer and item. */
	Map<String, Total> run(String accountId, OffsetDateTime start, OffsetDateTime end) {
		this.jdbc.sql("INSERT INTO billing_row (report_id, version, call_record_id, customer_id, item, units, raw_cost) "
				+ "SELECT ?, 1, id, customer_id, " + ITEM + ", " + UNITS + ", " + RAW_COST + " FROM call_record "
				+ "WHERE account_id = ? AND start_time >= ? AND start_time < ?")
			.params(REPORT_ID, accountId, start.withOffsetSameInstant(ZoneOffset.UTC),
					end.withOffsetSameInstant(ZoneOffset.UTC))
			.update();
		return totals(REPORT_ID);
	}

	/** A report's billing rows summed per customer and item, keyed {@code customer/item}. */
	Map<String, Total> totals(String reportId) {
		Map<String, Total> totals = new TreeMap<>();
		this.jdbc
			.sql("SELECT customer_id, item, SUM(units) AS units, SUM(raw_cost) AS raw_cost FROM billing_row "
					+ "WHERE report_id = ? GROUP BY customer_id, item")
			.param(reportId)
			.query(rs -> {
				totals.put(rs.getString("customer_id") + "/" + rs.getInt("item"),
						new Total(rs.getLong("units"), rs.getBigDecimal("raw_cost")));
			});
		return totals;
	}

	void clear() {
		this.jdbc.sql("DELETE FROM billing_row WHERE report_id = ?").param(REPORT_ID).update();
	}

	/** Σ units and Σ raw cost of one customer's item. */
	record Total(long units, BigDecimal rawCost) {

		@Override
		public boolean equals(Object other) {
			return other instanceof Total that && this.units == that.units
					&& this.rawCost.compareTo(that.rawCost) == 0;
		}

		@Override
		public int hashCode() {
			return Long.hashCode(this.units) * 31 + this.rawCost.stripTrailingZeros().hashCode();
		}

	}

}
