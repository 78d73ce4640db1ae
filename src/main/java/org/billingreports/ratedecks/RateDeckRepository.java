package org.billingreports.ratedecks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.billingreports.kernel.Utc;
import org.billingreports.rating.BillingItem;
import org.billingreports.rating.Tariff;

/** Rate decks, their versions and their rates. */
@Repository
class RateDeckRepository {

	/** Rates read from the database at a time, and written in one batch. */
	static final int BATCH = 5000;

	private final JdbcClient jdbc;

	private final JdbcTemplate streaming;

	private final TransactionTemplate readOnly;

	RateDeckRepository(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.streaming = new JdbcTemplate(dataSource);
		this.streaming.setFetchSize(BATCH);
		this.readOnly = new TransactionTemplate(transactionManager);
		this.readOnly.setReadOnly(true);
	}

	/** A deck as stored: its newest version. */
	record Deck(String id, String accountId, String name, int version) {
	}

	/** One upload of a deck. */
	record Version(int version, String fileName, int rates, String uploadedBy, Instant uploadedAt) {
	}

	/** One stored rate. */
	record Rate(BillingItem item, String prefix, String description, Tariff tariff, Instant effectiveFrom,
			Instant effectiveTo) {
	}

	Optional<Deck> find(String id) {
		return this.jdbc.sql("SELECT id, account_id, name, version FROM rate_deck WHERE id = ?")
			.param(id)
			.query(RateDeckRepository::deck)
			.optional();
	}

	Optional<Deck> findByName(String accountId, String name) {
		return this.jdbc.sql("SELECT id, account_id, name, version FROM rate_deck WHERE account_id = ? AND name = ?")
			.params(accountId, name)
			.query(RateDeckRepository::deck)
			.optional();
	}

	/** The deck, locked until the transaction ends: uploads of one deck make their versions one at a time. */
	Optional<Deck> lock(String id) {
		return this.jdbc.sql("SELECT id, account_id, name, version FROM rate_deck WHERE id = ? FOR UPDATE")
			.param(id)
			.query(RateDeckRepository::deck)
			.optional();
	}

	List<Deck> findByAccount(String accountId) {
		return this.jdbc.sql("SELECT id, account_id, name, version FROM rate_deck WHERE account_id = ? ORDER BY name, id")
			.param(accountId)
			.query(RateDeckRepository::deck)
			.list();
	}

	/** @throws org.springframework.dao.DuplicateKeyException when the id or the account's name exists */
	void insert(String id, String accountId, String name) {
		this.jdbc.sql("INSERT INTO rate_deck (id, account_id, name, version) VALUES (?, ?, ?, 0)")
			.params(id, accountId, name)
			.update();
	}

	void insertVersion(String deckId, int version, String fileName, String uploadedBy, Instant at) {
		this.jdbc
			.sql("INSERT INTO rate_deck_version (deck_id, version, file_name, rates, uploaded_by, uploaded_at) "
					+ "VALUES (?, ?, ?, 0, ?, ?)")
			.params(deckId, version, fileName, uploadedBy, Utc.of(at))
			.update();
	}

	void insertRates(String deckId, int version, List<RateDeckFile.RateLine> lines) {
		this.streaming.batchUpdate("INSERT INTO rate_deck_rate (deck_id, version, line_number, item, prefix, "
				+ "description, connect_fee, rate, rate_unit_seconds, first_increment_seconds, next_increment_seconds, "
				+ "minimum_charge, effective_from, effective_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				lines, lines.size(), (statement, line) -> {
					Tariff tariff = line.tariff();
					statement.setString(1, deckId);
					statement.setInt(2, version);
					statement.setLong(3, line.lineNumber());
					statement.setShort(4, line.item().code());
					statement.setString(5, line.prefix());
					statement.setString(6, line.description());
					statement.setBigDecimal(7, tariff.connectFee());
					statement.setBigDecimal(8, tariff.rate());
					statement.setInt(9, tariff.rateUnitSeconds());
					statement.setInt(10, tariff.firstIncrementSeconds());
					statement.setInt(11, tariff.nextIncrementSeconds());
					statement.setBigDecimal(12, tariff.minimumCharge());
					statement.setObject(13, Utc.of(line.effectiveFrom()));
					statement.setObject(14, (line.effectiveTo() != null)
							? Utc.of(line.effectiveTo()) : null);
				});
	}

	/** Makes the version the deck's newest, with its number of rates. */
	void publish(String deckId, int version, long rates) {
		this.jdbc.sql("UPDATE rate_deck_version SET rates = ? WHERE deck_id = ? AND version = ?")
			.params(rates, deckId, version)
			.update();
		this.jdbc.sql("UPDATE rate_deck SET version = ? WHERE id = ?").params(version, deckId).update();
	}

	/** The deck's versions, newest first. */
	List<Version> versions(String deckId) {
		return this.jdbc
			.sql("SELECT version, file_name, rates, uploaded_by, uploaded_at FROM rate_deck_version WHERE deck_id = ? "
					+ "ORDER BY version DESC")
			.param(deckId)
			.query((rs, row) -> new Version(rs.getInt("version"), rs.getString("file_name"), rs.getInt("rates"),
					rs.getString("uploaded_by"), rs.getObject("uploaded_at", OffsetDateTime.class).toInstant()))
			.list();
	}

	/** How many rates a version has per item. */
	Map<BillingItem, Long> ratesPerItem(String deckId, int version) {
		Map<BillingItem, Long> counts = new EnumMap<>(BillingItem.class);
		this.jdbc
			.sql("SELECT item, COUNT(*) AS rates FROM rate_deck_rate WHERE deck_id = ? AND version = ? GROUP BY item")
			.params(deckId, version)
			.query(rs -> {
				counts.put(BillingItem.ofCode(rs.getInt("item")), rs.getLong("rates"));
			});
		return counts;
	}

	/** A version's rates in the order of its file, streamed. */
	void forEachRate(String deckId, int version, Consumer<Rate> action) {
		// PostgreSQL pages a result only inside a transaction.
		this.readOnly.executeWithoutResult(status -> this.streaming.query("SELECT item, prefix, description, connect_fee, rate, rate_unit_seconds, "
				+ "first_increment_seconds, next_increment_seconds, minimum_charge, effective_from, effective_to "
				+ "FROM rate_deck_rate WHERE deck_id = ? AND version = ? ORDER BY line_number",
				(RowCallbackHandler) rs -> action.accept(rate(rs)), deckId, version));
	}

	private static Rate rate(ResultSet rs) throws SQLException {
		// As stored, ten decimal places each: equal prices are equal tariffs, shared in a loaded deck.
		Tariff tariff = new Tariff(rs.getBigDecimal("connect_fee"), rs.getBigDecimal("rate"),
				rs.getInt("rate_unit_seconds"), rs.getInt("first_increment_seconds"),
				rs.getInt("next_increment_seconds"), rs.getBigDecimal("minimum_charge"));
		OffsetDateTime to = rs.getObject("effective_to", OffsetDateTime.class);
		return new Rate(BillingItem.ofCode(rs.getInt("item")), rs.getString("prefix"), rs.getString("description"),
				tariff, rs.getObject("effective_from", OffsetDateTime.class).toInstant(),
				(to != null) ? to.toInstant() : null);
	}

	private static Deck deck(ResultSet rs, int row) throws SQLException {
		return new Deck(rs.getString("id"), rs.getString("account_id"), rs.getString("name"), rs.getInt("version"));
	}

}
