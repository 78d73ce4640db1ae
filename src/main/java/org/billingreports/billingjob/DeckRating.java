package org.billingreports.billingjob;

import java.math.BigDecimal;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import org.billingreports.rating.Channel;
import org.billingreports.rating.DeckRater;
import org.billingreports.rating.DeckRater.PricedCall;
import org.billingreports.rating.Direction;
import org.billingreports.rating.E164;
import org.billingreports.rating.Pricing;
import org.billingreports.rating.RateDeck;

/**
 * Rates a range through rate decks: reads its call records, prices each with its customer's deck
 * ({@link DeckRater}, a lookup in memory: the decks were loaded once for the partition) and writes the
 * billing rows in batches. A range holds at most a chunk's worth of ids.
 */
final class DeckRating implements RangeRater.Rating {

	private static final String INSERT = "INSERT INTO billing_row (report_id, call_record_id, customer_id, item, "
			+ "units, raw_cost, pricing, rate_deck_id, rate_prefix) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

	private static final int BATCH = 1000;

	private final NamedParameterJdbcTemplate jdbc;

	private final String select;

	private final Map<String, Object> parameters;

	private final String reportId;

	/** Settings of the account that rate decks read. */
	record Settings(Map<String, RateDeck> decksByCustomer, String defaultCountryCode, boolean deckReplacesCarrierCost) {
	}

	private final Settings settings;

	DeckRating(ReportCalls calls, NamedParameterJdbcTemplate jdbc, boolean h2, String reportId, Settings settings) {
		this.jdbc = jdbc;
		this.select = calls.callsToPrice(h2);
		this.parameters = calls.parameters();
		this.reportId = reportId;
		this.settings = settings;
	}

	private record Row(long callRecordId, String customerId, PricedCall priced, String deckId) {
	}

	@Override
	public int rate(IdRange range, boolean keepingExistingRows) {
		Map<String, Object> parameters = new HashMap<>(this.parameters);
		parameters.put("first", range.first());
		parameters.put("last", range.last());
		List<Row> rows = new ArrayList<>();
		this.jdbc.query(this.select, parameters, (RowCallbackHandler) rs -> {
			String customerId = rs.getString("customer_id");
			RateDeck deck = this.settings.decksByCustomer().get(customerId);
			Direction direction = Direction.parse(rs.getString("direction"));
			String number = (direction == Direction.OUTBOUND) ? rs.getString("to_number") : rs.getString("from_number");
			PricedCall priced = DeckRater.rate(Channel.parse(rs.getString("channel")), direction,
					rs.getString("status"), rs.getLong("billable_seconds"), rs.getBigDecimal("carrier_cost"),
					(deck != null) ? E164.of(number, this.settings.defaultCountryCode()) : null,
					rs.getObject("start_time", OffsetDateTime.class).toInstant(), deck,
					this.settings.deckReplacesCarrierCost());
			rows.add(new Row(rs.getLong("id"), customerId, priced,
					(deck != null && priced.pricing() != Pricing.CARRIER) ? deck.id() : null));
		});
		String insert = keepingExistingRows ? INSERT + ReportCalls.KEEPING_EXISTING_ROWS : INSERT;
		int[][] counts = this.jdbc.getJdbcTemplate().batchUpdate(insert, rows, BATCH, (statement, row) -> {
			BigDecimal rawCost = row.priced().call().rawCost();
			statement.setString(1, this.reportId);
			statement.setLong(2, row.callRecordId());
			statement.setString(3, row.customerId());
			statement.setShort(4, row.priced().call().item().code());
			statement.setLong(5, row.priced().call().units());
			statement.setBigDecimal(6, rawCost);
			statement.setString(7, row.priced().pricing().code());
			statement.setString(8, row.deckId());
			statement.setString(9, row.priced().prefix());
		});
		int written = 0;
		for (int[] batch : counts) {
			for (int count : batch) {
				written += (count == Statement.SUCCESS_NO_INFO) ? 1 : count;
			}
		}
		return written;
	}

}
