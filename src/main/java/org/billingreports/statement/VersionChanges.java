package org.billingreports.statement;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.billingreports.kernel.ReportVersion;
import org.billingreports.rating.BillingItem;
import org.billingreports.rating.BillingLine;
import org.billingreports.rating.Decimals;

/**
 * What changed from one completed version of a report to another: its customers' subtotals and its lines
 * (from their statements), and call by call (from their billing rows, streamed: a call is the same call in
 * both when its {@code callId} is, whatever its revision).
 */
@Component
public class VersionChanges {

	/** A customer whose subtotal differs; a customer only one version considered has 0 in the other. */
	public record CustomerChange(String customerId, String customerName, BigDecimal subtotalBefore,
			BigDecimal subtotalAfter) {

		public BigDecimal difference() {
			return this.subtotalAfter.subtract(this.subtotalBefore);
		}

	}

	/**
	 * A line (customer and item) whose quantity, raw cost or amount differs.
	 * @param before the older version's line, {@code null} when it had none
	 * @param after the newer version's line, {@code null} when it has none
	 */
	public record LineChange(String customerId, String customerName, BillingItem item, BillingLine before,
			BillingLine after) {

		public long quantityBefore() {
			return (this.before != null) ? this.before.quantity() : 0;
		}

		public long quantityAfter() {
			return (this.after != null) ? this.after.quantity() : 0;
		}

		public BigDecimal rawCostBefore() {
			return (this.before != null) ? this.before.rawCost() : BigDecimal.ZERO;
		}

		public BigDecimal rawCostAfter() {
			return (this.after != null) ? this.after.rawCost() : BigDecimal.ZERO;
		}

		public BigDecimal amountBefore() {
			return (this.before != null) ? this.before.amount() : BigDecimal.ZERO.setScale(2);
		}

		public BigDecimal amountAfter() {
			return (this.after != null) ? this.after.amount() : BigDecimal.ZERO.setScale(2);
		}

		public BigDecimal amountDifference() {
			return amountAfter().subtract(amountBefore());
		}

	}

	/** How a call changed: billed by the newer version only, by the older only, or by both otherwise. */
	public enum Change {

		added, removed, repriced

	}

	/**
	 * A call billed differently: the values of the side that has none are {@code null}.
	 * @param customerId the customer, item as the newer version billed it (the older's for a removed call)
	 */
	public record CallChange(String callId, String customerId, BillingItem item, Change change, Long unitsBefore,
			Long unitsAfter, BigDecimal rawCostBefore, BigDecimal rawCostAfter) {
	}

	private static final int FETCH_SIZE = 5000;

	/**
	 * Every billing row that is not in both versions alike, in call id order: a record billed by both with
	 * other values, or by one only. Each version is read once (two joins on the billing rows' own key), and
	 * only those rows are looked up in the call records. A call corrected in between is billed as one
	 * revision by the older version and another by the newer: two rows, one of each side, next to each other
	 * in this order, which {@link #forEachCall} pairs.
	 */
	private static final String CALLS = "SELECT (SELECT c.call_id FROM call_record c WHERE c.id = d.id) AS call_id, "
			+ "d.customer_before, d.customer_after, d.item_before, d.item_after, d.units_before, d.units_after, "
			+ "d.raw_before, d.raw_after FROM ("
			+ "SELECT a.call_record_id AS id, a.customer_id AS customer_before, z.customer_id AS customer_after, "
			+ "a.item AS item_before, z.item AS item_after, a.units AS units_before, z.units AS units_after, "
			+ "a.raw_cost AS raw_before, z.raw_cost AS raw_after FROM billing_row a LEFT JOIN billing_row z "
			+ "ON z.report_id = a.report_id AND z.version = :to AND z.call_record_id = a.call_record_id "
			+ "WHERE a.report_id = :report AND a.version = :from AND (z.call_record_id IS NULL OR a.units <> z.units "
			+ "OR a.raw_cost <> z.raw_cost OR a.item <> z.item OR a.customer_id <> z.customer_id) "
			+ "UNION ALL "
			+ "SELECT z.call_record_id, NULL, z.customer_id, NULL, z.item, NULL, z.units, NULL, z.raw_cost "
			+ "FROM billing_row z WHERE z.report_id = :report AND z.version = :to AND NOT EXISTS (SELECT 1 "
			+ "FROM billing_row s WHERE s.report_id = :report AND s.version = :from "
			+ "AND s.call_record_id = z.call_record_id)) d "
			+ "ORDER BY 1";

	private final StatementRepository statements;

	private final NamedParameterJdbcTemplate jdbc;

	private final TransactionTemplate readOnly;

	VersionChanges(StatementRepository statements, DataSource dataSource,
			PlatformTransactionManager transactionManager) {
		this.statements = statements;
		JdbcTemplate template = new JdbcTemplate(dataSource);
		template.setFetchSize(FETCH_SIZE);
		this.jdbc = new NamedParameterJdbcTemplate(template);
		this.readOnly = new TransactionTemplate(transactionManager);
		this.readOnly.setReadOnly(true);
	}

	/** The customers whose subtotal differs, in the newer version's order, then those it no longer has. */
	public List<CustomerChange> customers(ReportVersion from, ReportVersion to) {
		Map<String, StatementCustomer> before = new LinkedHashMap<>();
		this.statements.customers(from).forEach(customer -> before.put(customer.customerId(), customer));
		List<CustomerChange> changes = new ArrayList<>();
		for (StatementCustomer after : this.statements.customers(to)) {
			StatementCustomer was = before.remove(after.customerId());
			BigDecimal subtotalBefore = (was != null) ? was.subtotal() : BigDecimal.ZERO.setScale(2);
			if (subtotalBefore.compareTo(after.subtotal()) != 0) {
				changes.add(new CustomerChange(after.customerId(), after.customerName(), subtotalBefore,
						after.subtotal()));
			}
		}
		before.values()
			.stream()
			.filter(was -> was.subtotal().signum() != 0)
			.forEach(was -> changes.add(new CustomerChange(was.customerId(), was.customerName(), was.subtotal(),
					BigDecimal.ZERO.setScale(2))));
		return changes;
	}

	/** The lines whose quantity, raw cost or amount differs, in the newer file's order, then those it lost. */
	public List<LineChange> lines(ReportVersion from, ReportVersion to) {
		Map<String, StatementRepository.CustomerLine> before = new LinkedHashMap<>();
		this.statements.lines(from).forEach(line -> before.put(key(line), line));
		List<LineChange> changes = new ArrayList<>();
		for (StatementRepository.CustomerLine after : this.statements.lines(to)) {
			StatementRepository.CustomerLine was = before.remove(key(after));
			if (was == null || differs(was.line(), after.line())) {
				changes.add(new LineChange(after.customerId(), after.customerName(), after.line().item(),
						(was != null) ? was.line() : null, after.line()));
			}
		}
		before.values()
			.forEach(was -> changes.add(new LineChange(was.customerId(), was.customerName(), was.line().item(),
					was.line(), null)));
		return changes;
	}

	/** The version's total: the sum of its customers' subtotals, as its billing file adds up. */
	public BigDecimal total(ReportVersion run) {
		return this.statements.customers(run)
			.stream()
			.map(StatementCustomer::subtotal)
			.reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
	}

	/** Each call billed differently, in call id order, read as a stream. */
	public void forEachCall(ReportVersion from, ReportVersion to, Consumer<CallChange> action) {
		MapSqlParameterSource parameters = new MapSqlParameterSource("report", to.reportId())
			.addValue("from", from.version())
			.addValue("to", to.version());
		Consumer<Billed> changes = billed -> {
			CallChange change = billed.change();
			if (change != null) {
				action.accept(change);
			}
		};
		// One row held back: the next may be the other revision of its call.
		Billed[] held = { null };
		// PostgreSQL pages a result only inside a transaction.
		this.readOnly.executeWithoutResult(status -> this.jdbc.query(CALLS, parameters, (RowCallbackHandler) rs -> {
			Billed row = Billed.of(rs);
			if (held[0] != null && held[0].pairsWith(row)) {
				changes.accept(held[0].with(row));
				held[0] = null;
				return;
			}
			if (held[0] != null) {
				changes.accept(held[0]);
			}
			held[0] = row;
		}));
		if (held[0] != null) {
			changes.accept(held[0]);
		}
	}

	/** Counts of the calls added, removed and repriced. */
	public Map<Change, Long> countCalls(ReportVersion from, ReportVersion to) {
		Map<Change, Long> counts = new HashMap<>();
		for (Change change : Change.values()) {
			counts.put(change, 0L);
		}
		forEachCall(from, to, call -> counts.merge(call.change(), 1L, Long::sum));
		return counts;
	}

	/**
	 * A call as each version billed it; the values of a version that did not bill it are {@code null}.
	 */
	private record Billed(String callId, String customerBefore, String customerAfter, Integer itemBefore,
			Integer itemAfter, Long unitsBefore, Long unitsAfter, BigDecimal rawBefore, BigDecimal rawAfter) {

		static Billed of(ResultSet rs) throws SQLException {
			return new Billed(rs.getString("call_id"), rs.getString("customer_before"), rs.getString("customer_after"),
					rs.getObject("item_before", Integer.class), rs.getObject("item_after", Integer.class),
					rs.getObject("units_before", Long.class), rs.getObject("units_after", Long.class),
					rs.getBigDecimal("raw_before"), rs.getBigDecimal("raw_after"));
		}

		/** The older version billed one revision of the call and the newer another: this and that. */
		boolean pairsWith(Billed next) {
			return this.callId.equals(next.callId) && (this.customerBefore == null) != (next.customerBefore == null)
					&& (this.customerAfter == null) != (next.customerAfter == null);
		}

		Billed with(Billed other) {
			Billed before = (this.customerBefore != null) ? this : other;
			Billed after = (this.customerAfter != null) ? this : other;
			return new Billed(this.callId, before.customerBefore, after.customerAfter, before.itemBefore,
					after.itemAfter, before.unitsBefore, after.unitsAfter, before.rawBefore, after.rawAfter);
		}

		/** As a change; {@code null} for a newer revision billed exactly as the older one was. */
		CallChange change() {
			Change change;
			if (this.customerBefore == null) {
				change = Change.added;
			}
			else if (this.customerAfter == null) {
				change = Change.removed;
			}
			else if (Objects.equals(this.unitsBefore, this.unitsAfter) && this.rawBefore.compareTo(this.rawAfter) == 0
					&& Objects.equals(this.itemBefore, this.itemAfter) && this.customerBefore.equals(this.customerAfter)) {
				return null;
			}
			else {
				change = Change.repriced;
			}
			boolean removed = change == Change.removed;
			return new CallChange(this.callId, removed ? this.customerBefore : this.customerAfter,
					BillingItem.ofCode(removed ? this.itemBefore : this.itemAfter), change, this.unitsBefore,
					this.unitsAfter, plain(this.rawBefore), plain(this.rawAfter));
		}

	}

	private static BigDecimal plain(BigDecimal value) {
		return (value != null) ? Decimals.plain(value) : null;
	}

	private static String key(StatementRepository.CustomerLine line) {
		return line.customerId() + "\u0000" + line.line().item().code();
	}

	private static boolean differs(BillingLine before, BillingLine after) {
		return before.quantity() != after.quantity() || before.rawCost().compareTo(after.rawCost()) != 0
				|| before.amount().compareTo(after.amount()) != 0;
	}

}
