package org.billingreports.accounts;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import org.billingreports.changes.InputChanges;
import org.billingreports.kernel.Utc;
import org.billingreports.rating.BillingSettings;

@Repository
public class AccountRepository {

	private static final String COLUMNS = "id, name, time_zone_id, currency, proration, webhook_secret, "
			+ "nightly_enabled, nightly_email, nightly_webhook_url, nightly_late_data, default_country_code, "
			+ "rate_deck_id, unmatched_calls, fallback_rate, deck_replaces_carrier_cost, default_customer_id";

	private final JdbcClient jdbc;

	private final BillingSettingsRepository settings;

	private final InputChanges changes;

	AccountRepository(JdbcClient jdbc, BillingSettingsRepository settings, InputChanges changes) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.changes = changes;
	}

	public Optional<Account> find(String id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE id = ?")
			.param(id)
			.query(AccountRepository::account)
			.optional()
			.map(this::withSettings);
	}

	/** Accounts by id; all of them when {@code onlyId} is null. */
	List<Account> list(String onlyId) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM account WHERE (CAST(? AS VARCHAR) IS NULL OR id = ?) ORDER BY name, id")
			.params(onlyId, onlyId)
			.query(AccountRepository::account)
			.list()
			.stream()
			.map(this::withSettings)
			.toList();
	}

	/** Account names by id, in name order; all accounts when {@code onlyId} is null. */
	Map<String, String> names(String onlyId) {
		Map<String, String> names = new LinkedHashMap<>();
		this.jdbc.sql("SELECT id, name FROM account WHERE (CAST(? AS VARCHAR) IS NULL OR id = ?) ORDER BY name, id")
			.params(onlyId, onlyId)
			.query(rs -> {
				names.put(rs.getString("id"), rs.getString("name"));
			});
		return names;
	}

	/** The secret that signs the account's webhooks; one is made for an account that has none yet. */
	public String webhookSecret(String accountId) {
		// A row whose secret is NULL (the demo's, or one made before secrets existed) is no missing row.
		Optional<String> secret = this.jdbc.sql("SELECT webhook_secret FROM account WHERE id = ?")
			.param(accountId)
			.query((rs, row) -> Optional.ofNullable(rs.getString(1)))
			.optional()
			.orElseThrow(() -> new IllegalStateException("account " + accountId + " no longer exists"));
		if (secret.isPresent()) {
			return secret.get();
		}
		this.jdbc.sql("UPDATE account SET webhook_secret = ? WHERE id = ? AND webhook_secret IS NULL")
			.params(WebhookSecrets.generate(), accountId)
			.update();
		return webhookSecret(accountId);
	}

	public BillingSettings settingsOf(String accountId) {
		BillingSettings stored = this.settings.find(BillingSettingsRepository.ACCOUNT, accountId);
		return (stored != null) ? stored : BillingSettings.NONE;
	}

	/**
	 * @return the account's webhook secret: the one given, or a new one
	 * @throws org.springframework.dao.DuplicateKeyException when the id exists
	 */
	@Transactional
	String insert(Account account) {
		String secret = (account.webhookSecret() != null) ? account.webhookSecret() : WebhookSecrets.generate();
		NightlyBilling nightly = account.nightlyBilling();
		AccountRating rating = account.rating();
		this.jdbc
			.sql("INSERT INTO account (id, name, time_zone_id, currency, proration, webhook_secret, "
					+ "nightly_enabled, nightly_email, nightly_webhook_url, nightly_late_data, default_country_code, "
					+ "rate_deck_id, unmatched_calls, fallback_rate, deck_replaces_carrier_cost, default_customer_id, "
					+ "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(account.id(), account.name(), account.timeZoneId(), account.currency(), account.proration(),
					secret, nightly.isEnabled(), nightly.emailAddressToNotify(), nightly.webhookUrl(), nightly.lateData(),
					account.defaultCountryCode(), rating.rateDeckId(), rating.unmatchedCalls(), rating.fallbackRate(),
					rating.deckReplacesCarrierCost(), account.defaultCustomerId(),
					Utc.of(Instant.now()))
			.update();
		this.settings.replace(BillingSettingsRepository.ACCOUNT, account.id(), account.billingSettings().toSettings());
		return secret;
	}

	/**
	 * Replaces the account; its webhook secret only when a new one is given. Reports of the account learn
	 * of it: what they billed from may have changed.
	 */
	@Transactional
	boolean update(Account account) {
		NightlyBilling nightly = account.nightlyBilling();
		AccountRating rating = account.rating();
		int updated = this.jdbc
			.sql("UPDATE account SET name = ?, time_zone_id = ?, currency = ?, proration = ?, "
					+ "webhook_secret = COALESCE(?, webhook_secret), nightly_enabled = ?, nightly_email = ?, "
					+ "nightly_webhook_url = ?, nightly_late_data = ?, default_country_code = ?, rate_deck_id = ?, "
					+ "unmatched_calls = ?, fallback_rate = ?, deck_replaces_carrier_cost = ?, default_customer_id = ? "
					+ "WHERE id = ?")
			.params(account.name(), account.timeZoneId(), account.currency(), account.proration(),
					account.webhookSecret(), nightly.isEnabled(), nightly.emailAddressToNotify(), nightly.webhookUrl(),
					nightly.lateData(),
					account.defaultCountryCode(), rating.rateDeckId(), rating.unmatchedCalls(), rating.fallbackRate(),
					rating.deckReplacesCarrierCost(), account.defaultCustomerId(), account.id())
			.update();
		if (updated == 0) {
			return false;
		}
		this.settings.replace(BillingSettingsRepository.ACCOUNT, account.id(), account.billingSettings().toSettings());
		this.changes.billingSettingsChanged(account.id(), "the account's settings were changed");
		return true;
	}

	private Account withSettings(Account account) {
		return new Account(account.id(), account.name(), account.timeZoneId(), account.currency(),
				BillingSettingsDto.of(settingsOf(account.id())), account.proration(), null,
				account.webhookSecretHint(), account.nightlyBilling(), account.defaultCountryCode(), account.rating(),
				account.defaultCustomerId());
	}

	/** The accounts whose nightly billing is on. */
	public List<Account> withNightlyBilling() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE nightly_enabled ORDER BY id")
			.query(AccountRepository::account)
			.list();
	}

	private static Account account(ResultSet rs, int row) throws SQLException {
		return new Account(rs.getString("id"), rs.getString("name"), rs.getString("time_zone_id"),
				rs.getString("currency"), null, rs.getString("proration"), null,
				WebhookSecrets.hint(rs.getString("webhook_secret")),
				new NightlyBilling(rs.getBoolean("nightly_enabled"), rs.getString("nightly_email"),
						rs.getString("nightly_webhook_url"), rs.getString("nightly_late_data")),
				rs.getString("default_country_code"),
				new AccountRating(rs.getString("rate_deck_id"), rs.getString("unmatched_calls"),
						stripped(rs.getBigDecimal("fallback_rate")), rs.getBoolean("deck_replaces_carrier_cost")),
				rs.getString("default_customer_id"));
	}

	private static BigDecimal stripped(BigDecimal value) {
		return (value != null) ? value.stripTrailingZeros() : null;
	}

	/** Whether the account has a customer of that id or reference id. */
	boolean isCustomerOf(String customer, String accountId) {
		return this.jdbc
			.sql("SELECT COUNT(*) FROM customer WHERE account_id = ? AND (id = ? OR reference_id = ?)")
			.params(accountId, customer, customer)
			.query(Long.class)
			.single() > 0;
	}

	/** Whether the deck exists and belongs to the account: only such a deck may be assigned in it. */
	boolean isDeckOf(String deckId, String accountId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM rate_deck WHERE id = ? AND account_id = ?")
			.params(deckId, accountId)
			.query(Long.class)
			.single() > 0;
	}

}
