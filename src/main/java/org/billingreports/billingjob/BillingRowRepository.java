package org.billingreports.billingjob;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import org.billingreports.kernel.ReportVersion;
import org.billingreports.rating.BillingItem;
import org.billingreports.rating.DeckRater;
import org.billingreports.rating.Direction;
import org.billingreports.rating.Pricing;
import org.billingreports.rating.RatingSql;
import org.billingreports.rating.ItemUsage;

/** Reads a report's billing rows summed by the database, never row by row. */
@Repository
class BillingRowRepository {

	private final JdbcClient jdbc;

	BillingRowRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The report's billing rows summed per customer and item, and how many there are, in one pass over
	 * them.
	 */
	Usage usage(ReportVersion run) {
		Map<String, Map<BillingItem, ItemUsage>> usage = new HashMap<>();
		Map<String, Set<BillingItem>> pricedByDeck = new HashMap<>();
		long[] calls = { 0 };
		this.jdbc
			.sql("SELECT customer_id, item, SUM(units) AS quantity, SUM(raw_cost) AS raw_cost, COUNT(*) AS calls, "
					+ "SUM(CASE WHEN pricing = '" + Pricing.CARRIER.code() + "' THEN 0 ELSE 1 END) AS by_deck "
					+ "FROM billing_row WHERE report_id = ? AND version = ? GROUP BY customer_id, item")
			.params(run.reportId(), run.version())
			.query(rs -> {
				String customer = rs.getString("customer_id");
				BillingItem item = BillingItem.ofCode(rs.getInt("item"));
				usage.computeIfAbsent(customer, any -> new EnumMap<>(BillingItem.class))
					.put(item, new ItemUsage(rs.getLong("quantity"), rs.getBigDecimal("raw_cost").stripTrailingZeros()));
				calls[0] += rs.getLong("calls");
				if (rs.getLong("by_deck") > 0) {
					pricedByDeck.computeIfAbsent(customer, any -> EnumSet.noneOf(BillingItem.class)).add(item);
				}
			});
		return new Usage(usage, calls[0], pricedByDeck);
	}

	/**
	 * The report's billing rows priced so, how many and the first of them by start time (its call id and
	 * the number the deck was asked for), or {@code null} when there are none.
	 */
	Unpriced priced(ReportVersion run, Pricing pricing) {
		long count = this.jdbc
			.sql("SELECT COUNT(*) FROM billing_row WHERE report_id = ? AND version = ? AND pricing = ?")
			.params(run.reportId(), run.version(), pricing.code())
			.query(Long.class)
			.single();
		if (count == 0) {
			return null;
		}
		return this.jdbc
			.sql("SELECT c.call_id, c.direction, c.from_number, c.to_number, d.name AS deck "
					+ "FROM billing_row b JOIN call_record c ON c.id = b.call_record_id "
					+ "LEFT JOIN rate_deck d ON d.id = b.rate_deck_id "
					+ "WHERE b.report_id = ? AND b.version = ? AND b.pricing = ? ORDER BY c.start_time, c.call_id LIMIT 1")
			.params(run.reportId(), run.version(), pricing.code())
			.query((rs, row) -> new Unpriced(count, rs.getString("call_id"),
					DeckRater.farSide(Direction.parse(rs.getString("direction")), rs.getString("from_number"),
							rs.getString("to_number")),
					rs.getString("deck")))
			.single();
	}

	/** Calls that matched no prefix of their deck: how many, and one for a person to look at. */
	record Unpriced(long count, String sampleCallId, String sampleNumber, String deckName) {

		String describe() {
			return this.count + ((this.count == 1) ? " call matches" : " calls match") + " no prefix of its rate deck"
					+ " (e.g. call " + this.sampleCallId + ", number " + this.sampleNumber + ", deck '" + this.deckName
					+ "')";
		}

	}

	/** Charges the rows that matched no prefix at the fallback rate. */
	void billAtFallback(ReportVersion run, BigDecimal fallbackRate) {
		this.jdbc
			.sql("UPDATE billing_row SET raw_cost = " + RatingSql.fallbackCharge()
					+ ", pricing = :fallback WHERE report_id = :report AND version = :version AND pricing = :unmatched")
			.param("fallbackRate", fallbackRate)
			.param("fallback", Pricing.FALLBACK.code())
			.param("report", run.reportId())
			.param("version", run.version())
			.param("unmatched", Pricing.UNMATCHED.code())
			.update();
	}

	/**
	 * Usage per customer and item, the number of call records rated, and per customer the items of which
	 * a rate deck priced calls.
	 */
	record Usage(Map<String, Map<BillingItem, ItemUsage>> byCustomer, long calls,
			Map<String, Set<BillingItem>> pricedByDeck) {

		boolean pricedByDeck(String customerId, BillingItem item) {
			return this.pricedByDeck.getOrDefault(customerId, Set.of()).contains(item);
		}

	}

}
