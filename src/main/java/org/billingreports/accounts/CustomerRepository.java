package org.billingreports.accounts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import org.billingreports.changes.InputChanges;

import org.billingreports.rating.BillingSettings;
import org.billingreports.rating.CustomerNode;

@Repository
public class CustomerRepository {

	private static final String COLUMNS = "id, account_id, parent_customer_id, name, reference_id, override_billing_settings, "
			+ "rate_deck_id";

	private final JdbcClient jdbc;

	private final BillingSettingsRepository settings;

	private final InputChanges changes;

	CustomerRepository(JdbcClient jdbc, BillingSettingsRepository settings, InputChanges changes) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.changes = changes;
	}

	public Optional<Customer> find(String id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM customer WHERE id = ?")
			.param(id)
			.query(CustomerRepository::customer)
			.optional()
			.map(customer -> withSettings(customer,
					this.settings.find(BillingSettingsRepository.CUSTOMER, customer.id())));
	}

	/** The account's customers, with their own settings, sorted as billing files sort them. */
	public List<Customer> findByAccount(String accountId) {
		Map<String, BillingSettings> own = this.settings.findForCustomersOf(accountId);
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM customer WHERE account_id = ? ORDER BY LOWER(name), id")
			.param(accountId)
			.query(CustomerRepository::customer)
			.list()
			.stream()
			.map(customer -> withSettings(customer, own.get(customer.id())))
			.toList();
	}

	/** The account's customer tree as the billing arithmetic needs it. */
	public List<CustomerNode> nodes(String accountId) {
		return findByAccount(accountId).stream().map(Customer::node).toList();
	}

	/**
	 * How call records name customers: by id or by reference id (the switch's account code), both
	 * mapped to the id. Ids win over reference ids.
	 */
	public Map<String, String> idsByIdOrReference(String accountId) {
		Map<String, String> ids = new HashMap<>();
		this.jdbc.sql("SELECT id, reference_id FROM customer WHERE account_id = ? AND reference_id IS NOT NULL")
			.param(accountId)
			.query(rs -> {
				ids.put(rs.getString("reference_id"), rs.getString("id"));
			});
		this.jdbc.sql("SELECT id FROM customer WHERE account_id = ?").param(accountId).query(rs -> {
			ids.put(rs.getString("id"), rs.getString("id"));
		});
		return ids;
	}

	/** @throws org.springframework.dao.DuplicateKeyException when the id or the reference id exists */
	@Transactional
	void insert(Customer customer) {
		this.jdbc
			.sql("INSERT INTO customer (id, account_id, parent_customer_id, name, reference_id, "
					+ "override_billing_settings, rate_deck_id) VALUES (?, ?, ?, ?, ?, ?, ?)")
			.params(customer.id(), customer.accountId(), customer.parentCustomerId(), customer.name(),
					customer.referenceId(), customer.overrideBillingSettings(), customer.rateDeckId())
			.update();
		replaceSettings(customer);
		this.changes.customersChanged(customer.accountId(), "customer " + customer.id() + " was added");
	}

	@Transactional
	void update(Customer customer) {
		this.jdbc
			.sql("UPDATE customer SET parent_customer_id = ?, name = ?, reference_id = ?, "
					+ "override_billing_settings = ?, rate_deck_id = ? WHERE id = ?")
			.params(customer.parentCustomerId(), customer.name(), customer.referenceId(),
					customer.overrideBillingSettings(), customer.rateDeckId(), customer.id())
			.update();
		replaceSettings(customer);
		this.changes.customersChanged(customer.accountId(), "customer " + customer.id() + " was changed");
	}

	private void replaceSettings(Customer customer) {
		this.settings.replace(BillingSettingsRepository.CUSTOMER, customer.id(),
				(customer.billingSettings() != null) ? customer.billingSettings().toSettings() : null);
	}

	private static Customer customer(ResultSet rs, int row) throws SQLException {
		return new Customer(rs.getString("id"), rs.getString("account_id"), rs.getString("parent_customer_id"),
				rs.getString("name"), rs.getString("reference_id"), rs.getBoolean("override_billing_settings"), null,
				rs.getString("rate_deck_id"));
	}

	private static Customer withSettings(Customer customer, BillingSettings own) {
		return new Customer(customer.id(), customer.accountId(), customer.parentCustomerId(), customer.name(),
				customer.referenceId(), customer.overrideBillingSettings(),
				(own != null) ? BillingSettingsDto.of(own) : null, customer.rateDeckId());
	}

}
