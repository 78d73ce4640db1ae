package org.billingreports.billingjob;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

import org.billingreports.batch.CopyRows;
import org.billingreports.kernel.ReportVersion;
import org.billingreports.rating.Channel;
import org.billingreports.rating.DeckRater;
import org.billingreports.rating.DeckRater.PricedCall;
import org.billingreports.rating.Direction;
import org.billingreports.rating.E164;
import org.billingreports.rating.Pricing;
import org.billingreports.rating.RateDeck;
import org.billingreports.rating.RatedCall;
import org.billingreports.ratedecks.ReportDecks;

/**
 * Rates a range of a report priced by rate decks: the calls no deck prices in one {@code INSERT …
 * SELECT} as ever ({@link SqlRating}); the others are read, priced with their customer's deck
 * ({@link DeckRater}, a lookup in memory: the decks were loaded once for the partition) and copied
 * ({@code COPY}) or inserted many rows to a statement. A range holds at most a chunk's worth of ids.
 */
final class DeckRating implements RangeRater.Rating {

	private static final String INSERT = "INSERT INTO billing_row (report_id, version, call_record_id, customer_id, "
			+ "item, units, raw_cost, pricing, rate_deck_id, rate_prefix) VALUES ";

	private static final String VALUES = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	private static final String COPY = "COPY billing_row (report_id, version, call_record_id, customer_id, item, "
			+ "units, raw_cost, pricing, rate_deck_id, rate_prefix) FROM STDIN";

	/** PostgreSQL's SQL state of a unique key violated. */
	private static final String UNIQUE_VIOLATION = "23505";

	/** 10 parameters a row: 5,000 a statement, far below PostgreSQL's limit of 32,767. */
	private static final int ROWS_PER_INSERT = 500;

	private final NamedParameterJdbcTemplate jdbc;

	private final String select;

	private final ReportCalls calls;

	private final ReportVersion run;

	/** Settings of the account that rate decks read. */
	record Settings(Map<String, RateDeck> decksByCustomer, String defaultCountryCode, boolean deckReplacesCarrierCost) {
	}

	private final Settings settings;

	/** The calls no deck prices, rated as ever. */
	private final SqlRating others;

	/** Where the transaction's connection comes from, for {@code COPY}. */
	private final DataSource dataSource;

	/** Whether rows are copied ({@code COPY}, PostgreSQL) rather than inserted (H2). */
	private final boolean copy;

	private final CopyRows copyRows = new CopyRows();

	DeckRating(ReportCalls calls, NamedParameterJdbcTemplate jdbc, DataSource dataSource, boolean h2, ReportVersion run,
			Settings settings) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.copy = !h2;
		String pricedByDeck = ReportDecks.pricedByDeck(settings.deckReplacesCarrierCost());
		this.others = new SqlRating(calls, jdbc, h2, pricedByDeck);
		this.select = calls.callsToPrice(h2, pricedByDeck);
		this.calls = calls;
		this.run = run;
		this.settings = settings;
	}

	private record Row(long callRecordId, String customerId, PricedCall priced, String deckId) {
	}

	@Override
	public int rate(IdRange range, boolean keepingExistingRows) throws SQLException {
		return this.others.rate(range, keepingExistingRows) + rateByDecks(range, keepingExistingRows);
	}

	private int rateByDecks(IdRange range, boolean keepingExistingRows) throws SQLException {
		List<Row> rows = new ArrayList<>();
		this.jdbc.query(this.select, this.calls.parameters(range), (RowCallbackHandler) rs -> {
			String customerId = rs.getString("customer_id");
			RateDeck deck = this.settings.decksByCustomer().get(customerId);
			PricedCall priced = price(rs, deck, this.settings.defaultCountryCode(),
					this.settings.deckReplacesCarrierCost());
			rows.add(new Row(rs.getLong("id"), customerId, priced,
					(deck != null && priced.pricing() != Pricing.CARRIER) ? deck.id() : null));
		});
		return write(rows, keepingExistingRows);
	}

	/**
	 * The call record of the row (its {@code channel}, {@code direction}, {@code status},
	 * {@code billable_seconds}, {@code carrier_cost}, {@code from_number}, {@code to_number} and
	 * {@code start_time}) priced by its customer's deck, or at its carrier cost without one.
	 */
	static PricedCall price(ResultSet rs, RateDeck deck, String defaultCountryCode, boolean deckReplacesCarrierCost)
			throws SQLException {
		Direction direction = Direction.parse(rs.getString("direction"));
		String number = DeckRater.farSide(direction, rs.getString("from_number"), rs.getString("to_number"));
		return DeckRater.rate(Channel.parse(rs.getString("channel")), direction, rs.getString("status"),
				rs.getLong("billable_seconds"), rs.getBigDecimal("carrier_cost"),
				(deck != null) ? E164.of(number, defaultCountryCode) : null,
				rs.getObject("start_time", OffsetDateTime.class).toInstant(), deck, deckReplacesCarrierCost);
	}

	/**
	 * Copies the rows on PostgreSQL; elsewhere, and to keep rows written before (which {@code COPY} cannot),
	 * inserts them {@value #ROWS_PER_INSERT} to a statement: one round trip for many rows instead of one each.
	 */
	private int write(List<Row> rows, boolean keepingExistingRows) throws SQLException {
		if (this.copy && !keepingExistingRows) {
			return copy(rows);
		}
		int written = 0;
		for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
			List<Row> part = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT));
			String insert = INSERT + String.join(",", Collections.nCopies(part.size(), VALUES))
					+ (keepingExistingRows ? ReportCalls.KEEPING_EXISTING_ROWS : "");
			written += this.jdbc.getJdbcTemplate().update(insert, statement -> {
				int column = 0;
				for (Row row : part) {
					statement.setString(++column, this.run.reportId());
					statement.setInt(++column, this.run.version());
					statement.setLong(++column, row.callRecordId());
					statement.setString(++column, row.customerId());
					statement.setShort(++column, row.priced().call().item().code());
					statement.setLong(++column, row.priced().call().units());
					statement.setBigDecimal(++column, row.priced().call().rawCost());
					statement.setString(++column, row.priced().pricing().code());
					statement.setString(++column, row.deckId());
					statement.setString(++column, row.priced().prefix());
				}
			});
		}
		return written;
	}

	/** @throws DuplicateKeyException for a row written before, so that the range is rated again keeping it */
	private int copy(List<Row> rows) throws SQLException {
		if (rows.isEmpty()) {
			return 0;
		}
		for (Row row : rows) {
			RatedCall call = row.priced().call();
			this.copyRows.field(this.run.reportId())
				.field(String.valueOf(this.run.version()))
				.field(String.valueOf(row.callRecordId()))
				.field(row.customerId())
				.field(String.valueOf(call.item().code()))
				.field(String.valueOf(call.units()))
				.field(call.rawCost().toPlainString())
				.field(row.priced().pricing().code())
				.field(row.deckId())
				.field(row.priced().prefix())
				.endRow();
		}
		try {
			this.copyRows.copy(DataSourceUtils.getConnection(this.dataSource), COPY);
		}
		catch (SQLException ex) {
			if (UNIQUE_VIOLATION.equals(ex.getSQLState())) {
				throw new DuplicateKeyException(ex.getMessage(), ex);
			}
			throw ex;
		}
		return rows.size();
	}

}
