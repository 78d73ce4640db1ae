package org.billingreports.statement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.billingreports.kernel.ApplicationVersion;
import org.billingreports.kernel.ReportVersion;
import org.billingreports.kernel.Utc;
import org.billingreports.rating.BillingItem;
import org.billingreports.rating.BillingLine;
import org.billingreports.rating.BillingPeriod;
import org.billingreports.rating.Proration;

/**
 * Each report version's statement: what it is about, the customers it considered, its lines in file
 * order.
 */
@Repository
public class StatementRepository {

	/**
	 * A line with the customer it bills.
	 * @param rateDeck the rate deck and version that priced calls of the line ("Retail v3"), or {@code null} */
	public record CustomerLine(String customerId, String customerName, BillingLine line, String rateDeck) {
	}

	private static final String LINES = "SELECT customer_id, customer_name, item, quantity, allowance, billable, "
			+ "unit_cost, base_cost, raw_cost, raw_unit_multiplier, amount, rate_deck FROM billing_line WHERE report_id = ? "
			+ "AND version = ? ORDER BY line_number";

	/** Rows fetched at a time when lines are streamed. */
	private static final int FETCH_SIZE = 1000;

	private final JdbcClient jdbc;

	private final JdbcClient streaming;

	private final TransactionTemplate readOnly;

	StatementRepository(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		JdbcTemplate template = new JdbcTemplate(dataSource);
		template.setFetchSize(FETCH_SIZE);
		this.streaming = JdbcClient.create(template);
		this.readOnly = new TransactionTemplate(transactionManager);
		this.readOnly.setReadOnly(true);
	}

	/**
	 * Replaces the version's statement, customers and lines (customers in file order, each with the
	 * sum of its lines): writing them again (a restart) never duplicates one.
	 */
	public void replace(Statement statement, String inputs, List<StatementCustomer> customers,
			List<CustomerLine> lines) {
		String applicationVersion = ApplicationVersion.current();
		String reportId = statement.reportId();
		int version = statement.run().version();
		for (String table : List.of("billing_line", "billing_customer", "billing_statement")) {
			this.jdbc.sql("DELETE FROM " + table + " WHERE report_id = ? AND version = ?")
				.params(reportId, version)
				.update();
		}
		this.jdbc
			.sql("INSERT INTO billing_statement (report_id, version, account_id, account_name, time_zone_id, currency, "
					+ "start_date, end_date, period_start, period_end, include_customer_ids, proration, generated_at, "
					+ "inputs, application_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(reportId, version, statement.accountId(), statement.accountName(), statement.timeZoneId(),
					statement.currency(), statement.startDate(), statement.endDate(), Utc.of(statement.period().start()),
					Utc.of(statement.period().end()), statement.includeCustomerIds(), statement.proration().id(),
					Utc.of(statement.generatedAt()), inputs, applicationVersion)
			.update();
		for (StatementCustomer customer : customers) {
			this.jdbc
				.sql("INSERT INTO billing_customer (report_id, version, position, customer_id, customer_name, "
						+ "parent_customer_id, subtotal) VALUES (?, ?, ?, ?, ?, ?, ?)")
				.params(reportId, version, customer.position(), customer.customerId(), customer.customerName(),
						customer.parentCustomerId(), customer.subtotal())
				.update();
		}
		int number = 0;
		for (CustomerLine customerLine : lines) {
			BillingLine line = customerLine.line();
			this.jdbc
				.sql("INSERT INTO billing_line (report_id, version, line_number, customer_id, customer_name, item, "
						+ "quantity, allowance, billable, unit_cost, base_cost, raw_cost, raw_unit_multiplier, amount, "
						+ "rate_deck) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
				.params(reportId, version, ++number, customerLine.customerId(), customerLine.customerName(),
						line.item().code(), line.quantity(), line.allowance(), line.billable(), line.unitCost(),
						line.baseCost(), line.rawCost(), line.rawUnitMultiplier(), line.amount(),
						customerLine.rateDeck())
				.update();
		}
	}

	/** The statement of a report version whose lines were written. */
	public Optional<Statement> find(ReportVersion run) {
		return this.jdbc.sql("SELECT * FROM billing_statement WHERE report_id = ? AND version = ?")
			.params(run.reportId(), run.version())
			.query((rs, row) -> new Statement(run, rs.getString("account_id"),
					rs.getString("account_name"), rs.getString("time_zone_id"), rs.getString("currency").strip(),
					rs.getString("start_date"), rs.getString("end_date"),
					new BillingPeriod(rs.getObject("period_start", OffsetDateTime.class).toInstant(),
							rs.getObject("period_end", OffsetDateTime.class).toInstant()),
					rs.getBoolean("include_customer_ids"), Proration.parse(rs.getString("proration")),
					rs.getObject("generated_at", OffsetDateTime.class).toInstant()))
			.optional();
	}

	/**
	 * What the version billed from besides its call records, as canonical JSON (see {@code VersionInputs});
	 * empty for a version billed before they were kept.
	 */
	public Optional<String> inputs(ReportVersion run) {
		return this.jdbc.sql("SELECT inputs FROM billing_statement WHERE report_id = ? AND version = ?")
			.params(run.reportId(), run.version())
			.query((rs, row) -> Optional.ofNullable(rs.getString(1)))
			.optional()
			.flatMap(inputs -> inputs);
	}

	/** The service's version that billed the version; empty for one billed before it was kept. */
	Optional<String> applicationVersion(ReportVersion run) {
		return this.jdbc.sql("SELECT application_version FROM billing_statement WHERE report_id = ? AND version = ?")
			.params(run.reportId(), run.version())
			.query((rs, row) -> Optional.ofNullable(rs.getString(1)))
			.optional()
			.flatMap(version -> version);
	}

	/** The customers the version considered, in file order. */
	public List<StatementCustomer> customers(ReportVersion run) {
		return this.jdbc
			.sql("SELECT position, customer_id, customer_name, parent_customer_id, subtotal FROM billing_customer "
					+ "WHERE report_id = ? AND version = ? ORDER BY position")
			.params(run.reportId(), run.version())
			.query((rs, row) -> new StatementCustomer(rs.getInt("position"), rs.getString("customer_id"),
					rs.getString("customer_name"), rs.getString("parent_customer_id"), rs.getBigDecimal("subtotal")))
			.list();
	}

	/** The version's lines in file order. */
	public List<CustomerLine> lines(ReportVersion run) {
		return this.jdbc.sql(LINES).params(run.reportId(), run.version()).query((rs, row) -> line(rs)).list();
	}

	/**
	 * The version's lines in file order, one at a time, fetched in pages (in a read-only transaction,
	 * which PostgreSQL needs to page), so that no number of lines fills the memory.
	 */
	void forEachLine(ReportVersion run, Consumer<CustomerLine> action) {
		this.readOnly.executeWithoutResult(status -> this.streaming.sql(LINES)
			.params(run.reportId(), run.version())
			.query((ResultSet rs) -> action.accept(line(rs))));
	}

	private static CustomerLine line(ResultSet rs) throws SQLException {
		return new CustomerLine(rs.getString("customer_id"), rs.getString("customer_name"),
				new BillingLine(BillingItem.ofCode(rs.getInt("item")), rs.getLong("quantity"), rs.getLong("allowance"),
						rs.getLong("billable"), rs.getBigDecimal("unit_cost"), rs.getBigDecimal("base_cost"),
						rs.getBigDecimal("raw_cost"), rs.getBigDecimal("raw_unit_multiplier"), rs.getBigDecimal("amount")),
				rs.getString("rate_deck"));
	}

}
