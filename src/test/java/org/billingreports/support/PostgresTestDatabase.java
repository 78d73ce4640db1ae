package org.billingreports.support;

import java.sql.Connection;
import java.sql.DriverManager;
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

	static final String USER = env("BILLING_TEST_POSTGRES_USER", "postgres");

	static final String PASSWORD = env("BILLING_TEST_POSTGRES_PASSWORD", "");

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
	public record Schema(String name, String url) implements AutoCloseable {

		public static Schema create() {
			String name = SCHEMA_PREFIX + Instant.now().getEpochSecond() + "_"
					+ Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 24));
			execute("CREATE SCHEMA " + name);
			String separator = URL.contains("?") ? "&" : "?";
			// reWriteBatchedInserts as DatabaseEnvironment sets it for a PostgreSQL URL in production.
			return new Schema(name, URL + separator + "currentSchema=" + name + "&reWriteBatchedInserts=true");
		}

		/** Settings that point an application at this schema. */
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
