package org.billingreports.billingjob;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.stereotype.Repository;

import org.billingreports.rating.BillingItem;
import org.billingreports.rating.BillingLine;

/** The lines of each report's billing file, in file order. */
@Repository
class BillingLineRepository {

	/** A line with the customer it bills. */
	record CustomerLine(String customerId, String customerName, BillingLine line) {
	}

	private static final String SELECT = "SELECT customer_id, customer_name, item, quantity, allowance, billable, "
			+ "unit_cost, base_cost, raw_cost, amount FROM billing_line WHERE report_id = ? ORDER BY line_number";

	/** Rows fetched at a time when lines are streamed. */
	private static final int FETCH_SIZE = 1000;

	private final JdbcClient jdbc;

	private final JdbcClient streaming;

	private final TransactionTemplate readOnly;

	BillingLineRepository(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		JdbcTemplate template = new JdbcTemplate(dataSource);
		template.setFetchSize(FETCH_SIZE);
		this.streaming = JdbcClient.create(template);
		this.readOnly = new TransactionTemplate(transactionManager);
		this.readOnly.setReadOnly(true);
	}

	/** The report's lines in file order. */
	List<CustomerLine> findByReport(String reportId) {
		return this.jdbc.sql(SELECT).param(reportId).query((rs, row) -> line(rs)).list();
	}

	/**
	 * The report's lines in file order, one at a time, fetched in pages (in a read-only transaction,
	 * which PostgreSQL needs to page), so that no number of lines fills the memory.
	 */
	void forEach(String reportId, Consumer<CustomerLine> action) {
		this.readOnly.executeWithoutResult(status -> this.streaming.sql(SELECT)
			.param(reportId)
			.query((ResultSet rs) -> action.accept(line(rs))));
	}

	private static CustomerLine line(ResultSet rs) throws SQLException {
		return new CustomerLine(rs.getString("customer_id"), rs.getString("customer_name"),
				new BillingLine(BillingItem.ofCode(rs.getInt("item")), rs.getLong("quantity"), rs.getLong("allowance"),
						rs.getLong("billable"), rs.getBigDecimal("unit_cost"), rs.getBigDecimal("base_cost"),
						rs.getBigDecimal("raw_cost"), rs.getBigDecimal("amount")));
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
