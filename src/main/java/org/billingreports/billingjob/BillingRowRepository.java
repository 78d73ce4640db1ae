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
	Map<String, Map<BillingItem, ItemUsage>> usageByCustomer(String reportId) {
		Map<String, Map<BillingItem, ItemUsage>> usage = new HashMap<>();
		this.jdbc
			.sql("SELECT customer_id, item, SUM(units) AS quantity, SUM(raw_cost) AS raw_cost FROM billing_row "
					+ "WHERE report_id = ? GROUP BY customer_id, item")
			.param(reportId)
			.query(rs -> {
				usage.computeIfAbsent(rs.getString("customer_id"), customer -> new EnumMap<>(BillingItem.class))
					.put(BillingItem.ofCode(rs.getInt("item")),
							new ItemUsage(rs.getLong("quantity"), rs.getBigDecimal("raw_cost").stripTrailingZeros()));
			});
		return usage;
	}

	long count(String reportId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM billing_row WHERE report_id = ?")
			.param(reportId)
			.query(Long.class)
			.single();
	}

}
