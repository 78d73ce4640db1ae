package org.billingreports.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;

/**
 * A real PostgreSQL server for {@link PostgresTest}s: each application context gets a schema of its
 * own, dropped when the context closes, so that runs never see each other's data. The server is
 * {@code BILLING_TEST_POSTGRES_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/test}, user
 * {@code BILLING_TEST_POSTGRES_USER} or {@code postgres}, password {@code BILLING_TEST_POSTGRES_PASSWORD}).
 * When it cannot be reached the tests are skipped, loudly, unless {@code BILLING_REQUIRE_POSTGRES=1}
 * makes that a failure.
 */
public final class PostgresTestDatabase
		implements ApplicationContextInitializer<ConfigurableApplicationContext>, ExecutionCondition {

	static final String URL = env("BILLING_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");

	public static final String USER = env("BILLING_TEST_POSTGRES_USER", "postgres");

	public static final String PASSWORD = env("BILLING_TEST_POSTGRES_PASSWORD", "");

	private static final String SCHEMA_PREFIX = "billing_test_";

	/** Schemas left behind by a killed run are dropped by a later run once they are this old. */
	private static final Duration STALE = Duration.ofHours(12);

	private static volatile String unavailable;

	private static volatile boolean checked;

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		String problem = unavailability();
		if (problem == null) {
			return ConditionEvaluationResult.enabled("PostgreSQL reachable at " + URL);
		}
		if ("1".equals(System.getenv("BILLING_REQUIRE_POSTGRES"))) {
			throw new IllegalStateException("BILLING_REQUIRE_POSTGRES=1 but PostgreSQL is not reachable at " + URL
					+ ": " + problem);
		}
		String reason = "SKIPPED: PostgreSQL not reachable at " + URL + " (" + problem
				+ "); set BILLING_REQUIRE_POSTGRES=1 to make this a failure";
		System.err.println("[postgres-tests] " + context.getDisplayName() + " " + reason);
		return ConditionEvaluationResult.disabled(reason);
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		Schema schema = Schema.create();
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("postgresTestDatabase", Map.of("spring.datasource.url", schema.url(),
					"spring.datasource.username", USER, "spring.datasource.password", PASSWORD)));
		context.addApplicationListener(event -> {
			if (event instanceof ContextClosedEvent) {
				schema.close();
			}
		});
	}

	/** A schema of its own, for tests that start several applications (or processes) on one database. */
	public record Schema(String name, String url) implements SharedDatabase {

		public static Schema create() {
			String name = SCHEMA_PREFIX + Instant.now().getEpochSecond() + "_"
					+ Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 24));
			execute("CREATE SCHEMA " + name);
			String separator = URL.contains("?") ? "&" : "?";
			// reWriteBatchedInserts as DatabaseEnvironment sets it for a PostgreSQL URL in production.
			return new Schema(name, URL + separator + "currentSchema=" + name + "&reWriteBatchedInserts=true");
		}

		/** A connection to this schema, for tests that write or read around the application. */
		public Connection connect() throws SQLException {
			return DriverManager.getConnection(this.url, USER, PASSWORD);
		}

		/**
		 * Call records straight into the database, in one statement: a month (July 2026) of voice and
		 * SMS for customers {@code c0}…{@code c4} of the account, some not billable.
		 */
		public void insertCalls(String accountId, int count) throws SQLException {
			try (Connection connection = connect(); Statement statement = connection.createStatement()) {
				statement.execute("INSERT INTO call_record (account_id, call_id, customer_id, channel, direction, "
						+ "start_time, duration_seconds, billable_seconds, status, carrier_cost) "
						+ "SELECT '" + accountId + "', 'k' || g, 'c' || (g % 5), "
						+ "CASE WHEN g % 7 = 0 THEN 'sms' ELSE 'voice' END, "
						+ "CASE WHEN g % 3 = 0 THEN 'inbound' ELSE 'outbound' END, "
						+ "TIMESTAMPTZ '2026-07-01 00:00:00+00' + (g % 2678400) * INTERVAL '1 second', g % 900, "
						+ "g % 900, CASE WHEN g % 11 = 0 THEN 'busy' ELSE 'completed' END, (g % 1000) / 100000.0 "
						+ "FROM generate_series(1, " + count + ") g");
				statement.execute("ANALYZE call_record");
			}
		}

		/** The report's billing rows, and the call records among them: equal when none is there twice. */
		public BillingRows billingRows(String reportId) throws SQLException {
			try (Connection connection = connect();
					PreparedStatement statement = connection.prepareStatement(
							"SELECT COUNT(*), COUNT(DISTINCT call_record_id) FROM billing_row WHERE report_id = ?")) {
				statement.setString(1, reportId);
				try (ResultSet rows = statement.executeQuery()) {
					rows.next();
					return new BillingRows(rows.getLong(1), rows.getLong(2));
				}
			}
		}

		public record BillingRows(long rows, long callRecords) {
		}

		/** Settings that point an application at this schema through a proxy on loopback (see {@link TcpProxy}). */
		public List<String> arguments(TcpProxy proxy) {
			String proxied = this.url.replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/");
			return List.of("--spring.datasource.url=" + proxied, "--spring.datasource.username=" + USER,
					"--spring.datasource.password=" + PASSWORD);
		}

		/** Where the server this schema lives on listens, for a proxy to it. */
		public static java.net.URI server() {
			return java.net.URI.create(URL.substring("jdbc:".length()));
		}

		/** Settings that point an application at this schema. */
		@Override
		public List<String> arguments() {
			return List.of("--spring.datasource.url=" + this.url, "--spring.datasource.username=" + USER,
					"--spring.datasource.password=" + PASSWORD);
		}

		@Override
		public void close() {
			execute("DROP SCHEMA IF EXISTS " + this.name + " CASCADE");
		}

	}

	private static synchronized String unavailability() {
		if (!checked) {
			checked = true;
			try (Connection connection = connect()) {
				dropStaleSchemas(connection);
			}
			catch (SQLException ex) {
				unavailable = ex.getMessage();
			}
		}
		return unavailable;
	}

	private static void dropStaleSchemas(Connection connection) throws SQLException {
		List<String> stale = new ArrayList<>();
		long cutoff = Instant.now().minus(STALE).getEpochSecond();
		try (Statement statement = connection.createStatement();
				ResultSet schemas = statement.executeQuery("SELECT schema_name FROM information_schema.schemata "
						+ "WHERE schema_name LIKE '" + SCHEMA_PREFIX + "%'")) {
			while (schemas.next()) {
				String name = schemas.getString(1);
				String[] parts = name.substring(SCHEMA_PREFIX.length()).split("_");
				if (parts.length == 2 && parts[0].matches("\\d+") && Long.parseLong(parts[0]) < cutoff) {
					stale.add(name);
				}
			}
		}
		for (String name : stale) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
			}
		}
	}

	private static void execute(String sql) {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("PostgreSQL test database: " + sql, ex);
		}
	}

	private static Connection connect() throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", USER);
		properties.setProperty("password", PASSWORD);
		properties.setProperty("connectTimeout", "3");
		properties.setProperty("loginTimeout", "3");
		return DriverManager.getConnection(URL, properties);
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
