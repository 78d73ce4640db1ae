package org.billingreports.database;

import java.net.URI;
import java.nio.file.Path;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Chooses the database when nothing more explicit does. In order: {@code spring.datasource.url}
 * (e.g. {@code SPRING_DATASOURCE_URL}) as Spring reads it; else {@code DATABASE_URL} in the
 * {@code postgres://user:password@host:port/database} form that hosting platforms set; else the
 * embedded H2 file database under {@code billing.data-dir}, by default {@code ~/.billing-reports}: one
 * place per user, so that the service and the command line find the same data from any folder. On PostgreSQL it also turns on pgjdbc's
 * {@code reWriteBatchedInserts}, so that a chunk's inserts travel as multi-row statements. All of it
 * at the lowest precedence: any setting given explicitly wins.
 */
public class DatabaseEnvironment implements EnvironmentPostProcessor, Ordered {

	/**
	 * AUTO_SERVER lets the command line work on the file while the service has it open. WRITE_DELAY=0
	 * writes each commit to the file as it is made (H2 otherwise keeps up to half a second of commits in
	 * memory): what a user was told is saved survives a killed process.
	 */
	private static final String H2_SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;"
			+ "AUTO_SERVER=TRUE;WRITE_DELAY=0";

	/** Where the data lives unless {@code billing.data-dir} says otherwise. */
	public static final String DATA_DIR_DEFAULT = "${user.home}/.billing-reports";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		if (!environment.containsProperty("billing.data-dir")) {
			defaults.put("billing.data-dir", DATA_DIR_DEFAULT);
		}
		String databaseUrl = environment.getProperty("DATABASE_URL");
		if (!environment.containsProperty("spring.datasource.url")) {
			if (databaseUrl != null && !databaseUrl.isBlank()) {
				defaults.putAll(fromDatabaseUrl(databaseUrl.strip()));
			}
			else {
				String dataDir = environment.containsProperty("billing.data-dir")
						? environment.getProperty("billing.data-dir") : environment.resolvePlaceholders(DATA_DIR_DEFAULT);
				defaults.put("spring.datasource.url", h2Url(Path.of(dataDir)));
				defaults.put("spring.datasource.username", "sa");
				defaults.put("spring.datasource.password", "");
			}
		}
		String url = environment.containsProperty("spring.datasource.url")
				? environment.getProperty("spring.datasource.url") : (String) defaults.get("spring.datasource.url");
		if (url != null && url.startsWith("jdbc:postgresql:")) {
			defaults.put("spring.datasource.hikari.data-source-properties.reWriteBatchedInserts", "true");
		}
		environment.getPropertySources().addLast(new MapPropertySource("billingDatabaseDefaults", defaults));
	}

	/**
	 * The embedded database in that folder. Absolute, as H2 refuses a path relative to the working
	 * directory unless it starts with {@code ./}.
	 */
	public static String h2Url(Path dataDir) {
		return "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("billing") + H2_SETTINGS;
	}

	/** {@code postgres://user:password@host:5432/db?sslmode=require} as JDBC settings. */
	static Map<String, Object> fromDatabaseUrl(String databaseUrl) {
		URI uri = URI.create(databaseUrl);
		String scheme = uri.getScheme();
		if (!"postgres".equals(scheme) && !"postgresql".equals(scheme)) {
			throw new IllegalArgumentException("DATABASE_URL must be postgres://user:password@host:port/database");
		}
		Map<String, Object> settings = new LinkedHashMap<>();
		String port = (uri.getPort() > 0) ? ":" + uri.getPort() : "";
		String query = (uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "";
		settings.put("spring.datasource.url", "jdbc:postgresql://" + uri.getHost() + port + uri.getRawPath() + query);
		String userInfo = uri.getRawUserInfo();
		if (userInfo != null) {
			int colon = userInfo.indexOf(':');
			settings.put("spring.datasource.username", decode((colon < 0) ? userInfo : userInfo.substring(0, colon)));
			settings.put("spring.datasource.password", (colon < 0) ? "" : decode(userInfo.substring(colon + 1)));
		}
		return settings;
	}

	private static String decode(String text) {
		return URLDecoder.decode(text, StandardCharsets.UTF_8);
	}

	@Override
	public int getOrder() {
		// After the config files are read, so that a spring.datasource.url from them counts as explicit.
		return Ordered.LOWEST_PRECEDENCE;
	}

}
