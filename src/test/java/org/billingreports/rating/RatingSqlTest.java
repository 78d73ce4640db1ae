package org.billingreports.rating;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database rates call records with {@link RatingSql}; {@link CallRater} is the rule. Every kind of
 * call record (each channel and direction; completed or not, in any letter case; billable seconds at
 * and around the minute's edges; with and without a carrier cost) must come out of both the same. On
 * H2 here; {@link RatingSqlPostgresTest} on PostgreSQL.
 */
class RatingSqlTest {

	private static final String[] STATUSES = { "completed", "Completed", "COMPLETED", "no-answer", "busy", "failed",
			"" };

	private static final long[] SECONDS = { 0, 1, 59, 60, 61, 119, 120, 121, 3599, 3600, 86_400 };

	private static final String[] COSTS = { "0", "0.0000000001", "0.0123", "17.5" };

	protected Connection connect() throws Exception {
		return new SimpleDriverDataSource(new org.h2.Driver(),
				"jdbc:h2:mem:rating-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "")
			.getConnection();
	}

	@Test
	void theDatabaseRatesEveryKindOfCallAsCallRaterDoes() throws Exception {
		record Call(Channel channel, Direction direction, String status, long seconds, BigDecimal cost) {
		}
		List<Call> calls = new ArrayList<>();
		for (Channel channel : Channel.values()) {
			for (Direction direction : Direction.values()) {
				for (String status : STATUSES) {
					for (long seconds : SECONDS) {
						for (String cost : COSTS) {
							calls.add(new Call(channel, direction, status, seconds, new BigDecimal(cost)));
						}
					}
				}
			}
		}
		try (Connection connection = connect()) {
			try (Statement ddl = connection.createStatement()) {
				ddl.execute("CREATE TEMPORARY TABLE call_record (id INTEGER PRIMARY KEY, channel VARCHAR(5), "
						+ "direction VARCHAR(8), status VARCHAR(30), billable_seconds INTEGER, "
						+ "carrier_cost NUMERIC(28, 10))");
			}
			try (PreparedStatement insert = connection.prepareStatement("INSERT INTO call_record VALUES (?, ?, ?, ?, ?, ?)")) {
				for (int i = 0; i < calls.size(); i++) {
					Call call = calls.get(i);
					insert.setInt(1, i);
					insert.setString(2, call.channel().code());
					insert.setString(3, call.direction().code());
					insert.setString(4, call.status());
					insert.setLong(5, call.seconds());
					insert.setBigDecimal(6, call.cost());
					insert.addBatch();
				}
				insert.executeBatch();
			}
			int compared = 0;
			try (Statement select = connection.createStatement(); ResultSet rated = select.executeQuery("SELECT id, "
					+ RatingSql.item() + ", " + RatingSql.units() + ", " + RatingSql.rawCost() + " FROM call_record ORDER BY id")) {
				while (rated.next()) {
					Call call = calls.get(rated.getInt(1));
					RatedCall expected = CallRater.rate(call.channel(), call.direction(), call.status(), call.seconds(),
							call.cost());
					assertThat(rated.getInt(2)).as(call.toString()).isEqualTo(expected.item().code());
					assertThat(rated.getLong(3)).as(call.toString()).isEqualTo(expected.units());
					assertThat(rated.getBigDecimal(4)).as(call.toString()).isEqualByComparingTo(expected.rawCost());
					compared++;
				}
			}
			assertThat(compared).isEqualTo(calls.size());
		}
	}

}
