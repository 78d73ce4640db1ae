package org.billingreports.billingjob;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import org.billingreports.rating.BillingItem;
import org.billingreports.rating.BillingLine;

/** The lines of each report's billing file, in file order. */
@Repository
class BillingLineRepository {

	/** A line with the customer it bills. */
	record CustomerLine(String customerId, String customerName, BillingLine line) {
	}

	private final JdbcClient jdbc;

	BillingLineRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The report's lines in file order. */
	List<CustomerLine> findByReport(String reportId) {
		return this.jdbc
			.sql("SELECT customer_id, customer_name, item, quantity, allowance, billable, unit_cost, base_cost, "
					+ "raw_cost, amount FROM billing_line WHERE report_id = ? ORDER BY line_number")
			.param(reportId)
			.query((rs, row) -> new CustomerLine(rs.getString("customer_id"), rs.getString("customer_name"),
					new BillingLine(BillingItem.ofCode(rs.getInt("item")), rs.getLong("quantity"),
							rs.getLong("allowance"), rs.getLong("billable"), rs.getBigDecimal("unit_cost"),
							rs.getBigDecimal("base_cost"), rs.getBigDecimal("raw_cost"), rs.getBigDecimal("amount"))))
			.list();
	}

	/** Replaces the report's lines: writing them again (a restart) never duplicates one. */
	void replace(String reportId, List<CustomerLine> lines) {
		this.jdbc.sql("DELETE FROM billing_line WHERE report_id = ?").param(reportId).update();
		int number = 0;
		for (CustomerLine customerLine : lines) {
			BillingLine line = customerLine.line();
			this.jdbc
				.sql("INSERT INTO billing_line (report_id, line_number, customer_id, customer_name, item, quantity, "
						+ "allowance, billable, unit_cost, base_cost, raw_cost, amount) "
						+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
				.params(reportId, ++number, customerLine.customerId(), customerLine.customerName(),
						line.item().code(), line.quantity(), line.allowance(), line.billable(), line.unitCost(),
						line.baseCost(), line.rawCost(), line.amount())
				.update();
		}
	}

}
