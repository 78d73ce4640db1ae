package org.billingreports.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import javax.sql.DataSource;

import org.postgresql.PGConnection;

/**
 * Generates the benchmark's account straight into the database, with a fixed seed so that every run
 * bills the same data: 200 customers in a tree (20 roots with 3 children with 2 children each), a
 * quarter of them with billing settings of their own, phone numbers, and N call records in October
 * 2026: 70% voice, 25% SMS, 5% fax; voice mostly answered with minutes of talk, some unanswered.
 */
final class BenchData {

	static final String ACCOUNT = "bench";

	static final String START_DATE = "2026-10-01";

	static final String END_DATE = "2026-10-31";

	private static final Instant MONTH_START = Instant.parse("2026-10-01T00:00:00Z");

	private static final long MONTH_SECONDS = 31L * 24 * 3600;

	private static final int ROOTS = 20;

	private static final int BATCH = 10_000;

	private final DataSource dataSource;

	private final boolean postgres;

	BenchData(DataSource dataSource, boolean postgres) {
		this.dataSource = dataSource;
		this.postgres = postgres;
	}

	/** @return the customer ids */
	List<String> create(long calls) throws SQLException, IOException {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			List<String> customers = reference(connection);
			connection.commit();
			SplittableRandom random = new SplittableRandom(42);
			for (long first = 0; first < calls; first += BATCH) {
				long last = Math.min(calls, first + BATCH);
				if (this.postgres) {
					copyCalls(connection, customers, random, first, last);
				}
				else {
					insertCalls(connection, customers, random, first, last);
				}
				connection.commit();
			}
			// Settled, as a table is once autovacuum has been by: no run pays for it.
			connection.setAutoCommit(true);
			try (var statement = connection.createStatement()) {
				statement.execute(this.postgres ? "VACUUM ANALYZE call_record" : "ANALYZE");
			}
			return customers;
		}
	}

	private List<String> reference(Connection connection) throws SQLException {
		update(connection, "INSERT INTO account (id, name, time_zone_id, currency, created_at) VALUES (?, ?, ?, ?, ?)",
				ACCOUNT, "Bench Telecom", "UTC", "USD", OffsetDateTime.now(ZoneOffset.UTC));
		for (int item = 0; item < 9; item++) {
			settings(connection, "account", ACCOUNT, item, item == 0 ? "25" : "0", item == 4 ? "1.1" : "0",
					item < 3 ? "0" : "0.0" + (item + 1), item == 3 || item == 4 ? 100 : 0);
		}
		List<String> customers = new ArrayList<>();
		int number = 0;
		for (int r = 0; r < ROOTS; r++) {
			String root = customer(connection, customers, "c" + r, null);
			for (int c = 0; c < 3; c++) {
				String child = customer(connection, customers, root + "-" + c, root);
				for (int g = 0; g < 2; g++) {
					customer(connection, customers, child + "-" + g, child);
				}
			}
		}
		for (int i = 0; i < customers.size(); i++) {
			String customer = customers.get(i);
			if (i % 4 == 0) {
				update(connection, "UPDATE customer SET override_billing_settings = TRUE WHERE id = ?", customer);
				for (int item = 0; item < 9; item++) {
					settings(connection, "customer", customer, item, item == 0 ? "40" : "0", "0",
							item < 3 ? "1.50" : "0.00" + (item + 2), item == 3 ? 500 : 0);
				}
			}
			for (int n = 0; n <= i % 3; n++) {
				update(connection, "INSERT INTO phone_number (number, account_id, customer_id, toll_free) "
						+ "VALUES (?, ?, ?, ?)", "+1999" + String.format("%07d", number++), ACCOUNT, customer, n == 2);
			}
		}
		return customers;
	}

	private static String customer(Connection connection, List<String> customers, String id, String parent)
			throws SQLException {
		update(connection, "INSERT INTO customer (id, account_id, parent_customer_id, name, reference_id, "
				+ "override_billing_settings) VALUES (?, ?, ?, ?, ?, FALSE)", id, ACCOUNT, parent, "Customer " + id,
				"ref-" + id);
		customers.add(id);
		return id;
	}

	private static void settings(Connection connection, String kind, String owner, int item, String base,
			String multiplier, String unit, long allowance) throws SQLException {
		update(connection, "INSERT INTO billing_item_setting (owner_kind, owner_id, item, base_cost, "
				+ "raw_unit_multiplier, unit_cost, allowance) VALUES (?, ?, ?, ?, ?, ?, ?)", kind, owner, item,
				new BigDecimal(base), new BigDecimal(multiplier), new BigDecimal(unit), allowance);
	}

	private static void update(Connection connection, String sql, Object... values) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < values.length; i++) {
				statement.setObject(i + 1, values[i]);
			}
			statement.executeUpdate();
		}
	}

	/** One generated call record. */
	private record Call(String callId, String customer, String channel, String direction, String from, String to,
			Instant start, Instant answer, Instant end, long duration, long billable, String status,
			BigDecimal carrierCost) {

		static Call generate(long i, List<String> customers, SplittableRandom random) {
			// Some customers call far more than others.
			int index = (int) (customers.size() * Math.pow(random.nextDouble(), 2));
			double kind = random.nextDouble();
			String channel = (kind < 0.70) ? "voice" : (kind < 0.95) ? "sms" : "fax";
			String direction = random.nextDouble() < 0.45 ? "inbound" : "outbound";
			Instant start = MONTH_START.plusSeconds(random.nextLong(MONTH_SECONDS));
			double outcome = random.nextDouble();
			String status;
			long talk = 0;
			BigDecimal cost = BigDecimal.ZERO;
			switch (channel) {
				case "voice" -> {
					status = (outcome < 0.80) ? "completed" : (outcome < 0.92) ? "no-answer"
							: (outcome < 0.97) ? "busy" : "failed";
					if (status.equals("completed")) {
						talk = Math.min(7200, 1 + (long) (-180 * Math.log(1 - random.nextDouble())));
						cost = BigDecimal.valueOf(4 * ((talk + 59) / 60), 3);
					}
				}
				case "sms" -> {
					status = (outcome < 0.97) ? "completed" : "failed";
					cost = status.equals("completed") ? new BigDecimal("0.0075") : BigDecimal.ZERO;
				}
				default -> {
					status = (outcome < 0.90) ? "completed" : "failed";
					cost = status.equals("completed") ? new BigDecimal("0.02") : BigDecimal.ZERO;
				}
			}
			long ring = channel.equals("voice") ? 2 + random.nextInt(20) : 0;
			Instant answer = (talk > 0) ? start.plusSeconds(ring) : null;
			return new Call("bench-" + i, customers.get(index), channel, direction,
					"+1212" + String.format("%07d", random.nextInt(10_000_000)),
					"+1646" + String.format("%07d", random.nextInt(10_000_000)), start, answer,
					start.plusSeconds(ring + talk), ring + talk, talk, status, cost);
		}

	}

	private static void copyCalls(Connection connection, List<String> customers, SplittableRandom random,
			long first, long last) throws SQLException, IOException {
		StringBuilder rows = new StringBuilder();
		for (long i = first; i < last; i++) {
			Call call = Call.generate(i, customers, random);
			rows.append(ACCOUNT).append('\t').append(call.callId()).append('\t').append(call.customer()).append('\t')
				.append(call.channel()).append('\t').append(call.direction()).append('\t').append(call.from())
				.append('\t').append(call.to()).append('\t').append(call.start()).append('\t')
				.append((call.answer() != null) ? call.answer().toString() : "\\N").append('\t').append(call.end())
				.append('\t').append(call.duration()).append('\t').append(call.billable()).append('\t')
				.append(call.status()).append('\t').append(call.carrierCost().toPlainString()).append('\n');
		}
		try (Reader reader = new StringReader(rows.toString())) {
			connection.unwrap(PGConnection.class)
				.getCopyAPI()
				.copyIn("COPY call_record (account_id, call_id, customer_id, channel, direction, from_number, "
						+ "to_number, start_time, answer_time, end_time, duration_seconds, billable_seconds, status, "
						+ "carrier_cost) FROM STDIN", reader);
		}
	}

	private static void insertCalls(Connection connection, List<String> customers, SplittableRandom random,
			long first, long last) throws SQLException {
		try (PreparedStatement insert = connection.prepareStatement("INSERT INTO call_record (account_id, call_id, "
				+ "customer_id, channel, direction, from_number, to_number, start_time, answer_time, end_time, "
				+ "duration_seconds, billable_seconds, status, carrier_cost) "
				+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
			for (long i = first; i < last; i++) {
				Call call = Call.generate(i, customers, random);
				insert.setString(1, ACCOUNT);
				insert.setString(2, call.callId());
				insert.setString(3, call.customer());
				insert.setString(4, call.channel());
				insert.setString(5, call.direction());
				insert.setString(6, call.from());
				insert.setString(7, call.to());
				insert.setObject(8, OffsetDateTime.ofInstant(call.start(), ZoneOffset.UTC));
				insert.setObject(9, (call.answer() != null) ? OffsetDateTime.ofInstant(call.answer(), ZoneOffset.UTC)
						: null);
				insert.setObject(10, OffsetDateTime.ofInstant(call.end(), ZoneOffset.UTC));
				insert.setLong(11, call.duration());
				insert.setLong(12, call.billable());
				insert.setString(13, call.status());
				insert.setBigDecimal(14, call.carrierCost());
				insert.addBatch();
			}
			insert.executeBatch();
		}
	}

}
