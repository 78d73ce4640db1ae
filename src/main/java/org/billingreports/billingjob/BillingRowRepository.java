package org.billingreports.billingjob;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import org.billingreports.rating.BillingItem;
import org.billingreports.rating.ItemUsage;

/** Reads a report's billing rows summed by the database, never row by row. */
@Repository
class BillingRowRepository {

	private final JdbcClient jdbc;

	BillingRowRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Σ units and Σ raw cost per customer and item: at most customers × 6 rows, whatever the volume. */
	/**
	 * The report's billing rows summed per customer and item, and how many there are, in one pass over
	 * them.
	 */
	Usage usage(String reportId) {
		Map<String, Map<BillingItem, ItemUsage>> usage = new HashMap<>();
		long[] calls = { 0 };
		this.jdbc
			.sql("SELECT customer_id, item, SUM(units) AS quantity, SUM(raw_cost) AS raw_cost, COUNT(*) AS calls "
					+ "FROM billing_row WHERE report_id = ? GROUP BY customer_id, item")
			.param(reportId)
			.query(rs -> {
				usage.computeIfAbsent(rs.getString("customer_id"), customer -> new EnumMap<>(BillingItem.class))
					.put(BillingItem.ofCode(rs.getInt("item")),
							new ItemUsage(rs.getLong("quantity"), rs.getBigDecimal("raw_cost").stripTrailingZeros()));
				calls[0] += rs.getLong("calls");
			});
		return new Usage(usage, calls[0]);
	}

	/** Usage per customer and item, and the number of call records rated. */
	record Usage(Map<String, Map<BillingItem, ItemUsage>> byCustomer, long calls) {
	}

}
