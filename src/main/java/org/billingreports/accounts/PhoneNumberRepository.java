package org.billingreports.accounts;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import org.billingreports.changes.InputChanges;

@Repository
public class PhoneNumberRepository {

	/** How many local and toll-free numbers a customer has. */
	public record NumberCounts(long local, long tollFree) {

		public static final NumberCounts NONE = new NumberCounts(0, 0);

	}

	private final JdbcClient jdbc;

	private final InputChanges changes;

	PhoneNumberRepository(JdbcClient jdbc, InputChanges changes) {
		this.jdbc = jdbc;
		this.changes = changes;
	}

	Optional<PhoneNumber> find(String number) {
		return this.jdbc.sql("SELECT number, account_id, customer_id, toll_free FROM phone_number WHERE number = ?")
			.param(number)
			.query((rs, row) -> new PhoneNumber(rs.getString("number"), rs.getString("account_id"),
					rs.getString("customer_id"), rs.getBoolean("toll_free")))
			.optional();
	}

	List<PhoneNumber> findByAccount(String accountId) {
		return this.jdbc
			.sql("SELECT number, account_id, customer_id, toll_free FROM phone_number WHERE account_id = ? "
					+ "ORDER BY number")
			.param(accountId)
			.query((rs, row) -> new PhoneNumber(rs.getString("number"), rs.getString("account_id"),
					rs.getString("customer_id"), rs.getBoolean("toll_free")))
			.list();
	}

	/** The customer of each of the account's numbers (E.164), for finding a switch line's customer. */
	public Map<String, String> customersByNumber(String accountId) {
		Map<String, String> customers = new HashMap<>();
		this.jdbc.sql("SELECT number, customer_id FROM phone_number WHERE account_id = ?")
			.param(accountId)
			.query(rs -> {
				customers.put(rs.getString("number"), rs.getString("customer_id"));
			});
		return customers;
	}

	/** @throws org.springframework.dao.DuplicateKeyException when the number is assigned already */
	/** A number assigned: reports of the account learn of it, the customer's count changed. */
	@Transactional
	void insert(PhoneNumber number) {
		this.jdbc.sql("INSERT INTO phone_number (number, account_id, customer_id, toll_free) VALUES (?, ?, ?, ?)")
			.params(number.number(), number.accountId(), number.customerId(), number.tollFree())
			.update();
		this.changes.customersChanged(number.accountId(), "number " + number.number() + " was assigned to customer "
				+ number.customerId());
	}

	@Transactional
	void delete(PhoneNumber number) {
		this.jdbc.sql("DELETE FROM phone_number WHERE number = ?").param(number.number()).update();
		this.changes.customersChanged(number.accountId(), "number " + number.number() + " was taken from customer "
				+ number.customerId());
	}

	/** Numbers per customer of an account. */
	public Map<String, NumberCounts> countsByCustomer(String accountId) {
		Map<String, NumberCounts> counts = new HashMap<>();
		this.jdbc
			.sql("SELECT customer_id, SUM(CASE WHEN toll_free THEN 0 ELSE 1 END) AS local_count, "
					+ "SUM(CASE WHEN toll_free THEN 1 ELSE 0 END) AS toll_free_count FROM phone_number "
					+ "WHERE account_id = ? GROUP BY customer_id")
			.param(accountId)
			.query(rs -> {
				counts.put(rs.getString("customer_id"),
						new NumberCounts(rs.getLong("local_count"), rs.getLong("toll_free_count")));
			});
		return counts;
	}

}
