package org.billingreports.accounts;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import org.billingreports.rating.BillingItem;
import org.billingreports.rating.BillingSettings;
import org.billingreports.rating.ItemSettings;

/** Billing settings of accounts and customers: one row per item that was given. */
@Repository
class BillingSettingsRepository {

	static final String ACCOUNT = "account";

	static final String CUSTOMER = "customer";

	private static final String COLUMNS = "owner_id, item, base_cost, raw_unit_multiplier, unit_cost, allowance";

	private final JdbcClient jdbc;

	BillingSettingsRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** @return the owner's settings, or {@code null} when none were ever given */
	BillingSettings find(String ownerKind, String ownerId) {
		Map<String, Map<BillingItem, ItemSettings>> byOwner = new HashMap<>();
		this.jdbc.sql("SELECT " + COLUMNS + " FROM billing_item_setting WHERE owner_kind = ? AND owner_id = ?")
			.params(ownerKind, ownerId)
			.query(rs -> {
				collect(rs, byOwner);
			});
		Map<BillingItem, ItemSettings> items = byOwner.get(ownerId);
		return (items != null) ? BillingSettings.of(items) : null;
	}

	/** The settings of every customer of an account that has any. */
	Map<String, BillingSettings> findForCustomersOf(String accountId) {
		Map<String, Map<BillingItem, ItemSettings>> byOwner = new HashMap<>();
		this.jdbc
			.sql("SELECT " + COLUMNS + " FROM billing_item_setting WHERE owner_kind = 'customer' AND owner_id IN "
					+ "(SELECT id FROM customer WHERE account_id = ?)")
			.param(accountId)
			.query(rs -> {
				collect(rs, byOwner);
			});
		Map<String, BillingSettings> settings = new HashMap<>();
		byOwner.forEach((owner, items) -> settings.put(owner, BillingSettings.of(items)));
		return settings;
	}

	/** Replaces the owner's settings; {@code null} removes them. */
	void replace(String ownerKind, String ownerId, BillingSettings settings) {
		this.jdbc.sql("DELETE FROM billing_item_setting WHERE owner_kind = ? AND owner_id = ?")
			.params(ownerKind, ownerId)
			.update();
		if (settings == null) {
			return;
		}
		// Every item is stored, zeros included, so that "given" is visible in the data.
		for (BillingItem item : BillingItem.values()) {
			ItemSettings values = settings.get(item);
			this.jdbc
				.sql("INSERT INTO billing_item_setting (owner_kind, owner_id, item, base_cost, raw_unit_multiplier, "
						+ "unit_cost, allowance) VALUES (?, ?, ?, ?, ?, ?, ?)")
				.params(ownerKind, ownerId, item.code(), values.baseCost(), values.rawUnitMultiplier(),
						values.unitCost(), values.allowance())
				.update();
		}
	}

	private static void collect(ResultSet rs, Map<String, Map<BillingItem, ItemSettings>> byOwner)
			throws SQLException {
		byOwner.computeIfAbsent(rs.getString("owner_id"), owner -> new EnumMap<>(BillingItem.class))
			.put(BillingItem.ofCode(rs.getInt("item")),
					new ItemSettings(decimal(rs, "base_cost"), decimal(rs, "raw_unit_multiplier"),
							decimal(rs, "unit_cost"), rs.getLong("allowance")));
	}

	/** Stored with ten decimals; read back as written (0.0100000000 is 0.01). */
	private static BigDecimal decimal(ResultSet rs, String column) throws SQLException {
		return rs.getBigDecimal(column).stripTrailingZeros();
	}

}
