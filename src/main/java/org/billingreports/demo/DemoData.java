package org.billingreports.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import org.billingreports.security.Role;
import org.billingreports.security.UserRepository;

/**
 * The {@code demo} profile: a small but realistic account, loaded once into an empty database.
 * Account {@code demo} ("Demo Telecom", America/New_York, USD) with a customer tree, phone numbers
 * and October 2026's call records (a fixed seed, so every run has the same data), and three users:
 * {@code admin}/{@code admin-demo} (SystemAdministrator), {@code manager}/{@code manager-demo}
 * (Manager of {@code demo}) and {@code customer}/{@code customer-demo} (Customer {@code acme}, whose
 * reports cover Acme and its branches only). Loaded before the web server starts: no request finds
 * the service without its demo users.
 */
@Component
@Profile("demo")
class DemoData implements SmartInitializingSingleton {

	static final String ACCOUNT = "demo";

	static final LocalDate MONTH = LocalDate.of(2026, 10, 1);

	static final int CALLS = 3000;

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);

	/** code, baseCost, rawUnitMultiplier, unitCost, allowance, in the order of the nine items. */
	private static final String[][] ACCOUNT_PRICES = { { "0", "25", "0", "0", "0" }, { "1", "0", "0", "1.00", "0" },
			{ "2", "0", "0", "3.00", "0" }, { "3", "0", "0", "0.0100", "100" }, { "4", "0", "1.10", "0.0150", "100" },
			{ "5", "0", "0", "0.05", "0" }, { "6", "0", "0", "0.10", "0" }, { "7", "0", "0", "0.0050", "50" },
			{ "8", "0", "0", "0.0075", "50" } };

	private static final String[] CUSTOMERS = {
			// id, parent, name, referenceId, override
			"acme,,Acme Corp,1001,true", "acme-east,acme,Acme East,1002,false", "acme-west,acme,Acme West,1003,true",
			"acme-west-lab,acme-west,Acme West Lab,1004,false", "globex,,Globex,2001,false",
			"initech,,Initech,3001,true", "umbrella,,Umbrella Health,4001,false" };

	private final JdbcClient jdbc;

	private final UserRepository users;

	private final PasswordEncoder passwordEncoder;

	DemoData(JdbcClient jdbc, UserRepository users, PasswordEncoder passwordEncoder) {
		this.jdbc = jdbc;
		this.users = users;
		this.passwordEncoder = passwordEncoder;
	}

	@Override
	@Transactional
	public void afterSingletonsInstantiated() {
		if (this.jdbc.sql("SELECT COUNT(*) FROM account WHERE id = ?").param(ACCOUNT).query(Long.class).single() > 0) {
			return;
		}
		this.jdbc
			.sql("INSERT INTO account (id, name, time_zone_id, currency, default_country_code, created_at) "
					+ "VALUES (?, ?, ?, ?, ?, ?)")
			.params(ACCOUNT, "Demo Telecom", "America/New_York", "USD", "1", OffsetDateTime.now(ZoneOffset.UTC))
			.update();
		// Account prices: base 25.00, voice 1 to 1.5 cents a minute after 100 free, SMS under a cent.
		for (String[] item : ACCOUNT_PRICES) {
			settings("account", ACCOUNT, item);
		}
		for (String line : CUSTOMERS) {
			String[] f = line.split(",", -1);
			this.jdbc
				.sql("INSERT INTO customer (id, account_id, parent_customer_id, name, reference_id, "
						+ "override_billing_settings) VALUES (?, ?, ?, ?, ?, ?)")
				.params(f[0], ACCOUNT, f[1].isEmpty() ? null : f[1], f[2], f[3], Boolean.parseBoolean(f[4]))
				.update();
		}
		// Acme negotiated a bigger base and cheaper minutes (its East branch inherits them); its West
		// branch pays a premium on outbound calls; Initech has no base fee.
		override("acme", Map.of(0, new String[] { "0", "40", "0", "0", "0" }, 3,
				new String[] { "3", "0", "0", "0.0080", "500" }, 4, new String[] { "4", "0", "1.00", "0.0120", "500" }));
		override("acme-west", Map.of(4, new String[] { "4", "2.50", "1.25", "0.0200", "0" }));
		override("initech", Map.of(0, new String[] { "0", "0", "0", "0", "0" }));
		String[] owners = { "acme", "acme", "acme-east", "acme-west", "globex", "initech", "umbrella" };
		for (int i = 0; i < owners.length; i++) {
			this.jdbc.sql("INSERT INTO phone_number (number, account_id, customer_id, toll_free) VALUES (?, ?, ?, ?)")
				.params("+1212555" + (1000 + i), ACCOUNT, owners[i], false)
				.update();
		}
		this.jdbc.sql("INSERT INTO phone_number (number, account_id, customer_id, toll_free) VALUES (?, ?, ?, ?)")
			.params("+18005550100", ACCOUNT, "acme", true)
			.update();
		calls();
		this.users.create("admin", this.passwordEncoder.encode("admin-demo"), Role.SystemAdministrator, null, null);
		this.users.create("manager", this.passwordEncoder.encode("manager-demo"), Role.Manager, ACCOUNT, null);
		this.users.create("customer", this.passwordEncoder.encode("customer-demo"), Role.Customer, ACCOUNT, "acme");
		log.info("Demo data loaded: account '{}' with {} call records in {}; users admin, manager, customer", ACCOUNT,
				CALLS, MONTH.getMonth());
	}

	/** The account's prices with some items changed: an override replaces all nine items. */
	private void override(String customer, Map<Integer, String[]> changes) {
		for (String[] item : ACCOUNT_PRICES) {
			settings("customer", customer, changes.getOrDefault(Integer.valueOf(item[0]), item));
		}
	}

	/** @param item code, baseCost, rawUnitMultiplier, unitCost, allowance */
	private void settings(String kind, String owner, String[] item) {
		this.jdbc
			.sql("INSERT INTO billing_item_setting (owner_kind, owner_id, item, base_cost, raw_unit_multiplier, "
					+ "unit_cost, allowance) VALUES (?, ?, ?, ?, ?, ?, ?)")
			.params(kind, owner, Integer.parseInt(item[0]), new BigDecimal(item[1]), new BigDecimal(item[2]),
					new BigDecimal(item[3]), Long.parseLong(item[4]))
			.update();
	}

	private void calls() {
		Random random = new Random(20261001);
		ZoneId zone = ZoneId.of("America/New_York");
		String[] customers = { "acme", "acme-east", "acme-west", "acme-west-lab", "globex", "initech", "umbrella" };
		String[] channels = { "voice", "voice", "voice", "voice", "sms", "sms", "fax" };
		String[] statuses = { "completed", "completed", "completed", "completed", "no-answer", "busy", "failed" };
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < CALLS; i++) {
			String channel = channels[random.nextInt(channels.length)];
			String status = statuses[random.nextInt(statuses.length)];
			OffsetDateTime start = MONTH.atStartOfDay(zone)
				.plusSeconds(random.nextInt(31 * 24 * 3600))
				.toOffsetDateTime()
				.withOffsetSameInstant(ZoneOffset.UTC);
			int duration = channel.equals("voice") ? random.nextInt(1800) : 0;
			int billable = status.equals("completed") ? duration : 0;
			BigDecimal cost = status.equals("completed")
					? BigDecimal.valueOf(random.nextInt(5000)).movePointLeft(5).setScale(5, RoundingMode.UNNECESSARY)
					: BigDecimal.ZERO;
			rows.add(new Object[] { ACCOUNT, "demo-" + i, customers[random.nextInt(customers.length)], channel,
					random.nextBoolean() ? "inbound" : "outbound", "+1212555" + (2000 + random.nextInt(8000)),
					"+1646555" + (2000 + random.nextInt(8000)), start,
					status.equals("completed") ? start.plusSeconds(random.nextInt(20)) : null,
					start.plusSeconds(duration + 20L), duration, billable, status, cost });
		}
		for (Object[] row : rows) {
			this.jdbc
				.sql("INSERT INTO call_record (account_id, call_id, customer_id, channel, direction, from_number, "
						+ "to_number, start_time, answer_time, end_time, duration_seconds, billable_seconds, status, "
						+ "carrier_cost) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
				.params(row)
				.update();
		}
	}

}
