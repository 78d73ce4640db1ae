package org.billingreports.accounts;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import org.billingreports.rating.BillingSettings;

@Repository
public class AccountRepository {

	private final JdbcClient jdbc;

	private final BillingSettingsRepository settings;

	AccountRepository(JdbcClient jdbc, BillingSettingsRepository settings) {
		this.jdbc = jdbc;
		this.settings = settings;
	}

	public Optional<Account> find(String id) {
		return this.jdbc.sql("SELECT id, name, time_zone_id, currency FROM account WHERE id = ?")
			.param(id)
			.query((rs, row) -> new Account(rs.getString("id"), rs.getString("name"), rs.getString("time_zone_id"),
					rs.getString("currency"), null))
			.optional()
			.map(this::withSettings);
	}

	/** Accounts by id; all of them when {@code onlyId} is null. */
	List<Account> list(String onlyId) {
		return this.jdbc
			.sql("SELECT id, name, time_zone_id, currency FROM account WHERE (CAST(? AS VARCHAR) IS NULL OR id = ?) "
					+ "ORDER BY name, id")
			.params(onlyId, onlyId)
			.query((rs, row) -> new Account(rs.getString("id"), rs.getString("name"), rs.getString("time_zone_id"),
					rs.getString("currency"), null))
			.list()
			.stream()
			.map(this::withSettings)
			.toList();
	}

	public BillingSettings settingsOf(String accountId) {
		BillingSettings stored = this.settings.find(BillingSettingsRepository.ACCOUNT, accountId);
		return (stored != null) ? stored : BillingSettings.NONE;
	}

	/** @throws org.springframework.dao.DuplicateKeyException when the id exists */
	@Transactional
	void insert(Account account) {
		this.jdbc.sql("INSERT INTO account (id, name, time_zone_id, currency, created_at) VALUES (?, ?, ?, ?, ?)")
			.params(account.id(), account.name(), account.timeZoneId(), account.currency(),
					OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC))
			.update();
		this.settings.replace(BillingSettingsRepository.ACCOUNT, account.id(), account.billingSettings().toSettings());
	}

	@Transactional
	boolean update(Account account) {
		int updated = this.jdbc.sql("UPDATE account SET name = ?, time_zone_id = ?, currency = ? WHERE id = ?")
			.params(account.name(), account.timeZoneId(), account.currency(), account.id())
			.update();
		if (updated == 0) {
			return false;
		}
		this.settings.replace(BillingSettingsRepository.ACCOUNT, account.id(), account.billingSettings().toSettings());
		return true;
	}

	private Account withSettings(Account account) {
		return new Account(account.id(), account.name(), account.timeZoneId(), account.currency(),
				BillingSettingsDto.of(settingsOf(account.id())));
	}

}
