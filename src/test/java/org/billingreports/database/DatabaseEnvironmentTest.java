package org.billingreports.database;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DatabaseEnvironmentTest {

	private static final String REWRITE = "spring.datasource.hikari.data-source-properties.reWriteBatchedInserts";

	private static StandardEnvironment environment(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("given", properties));
		new DatabaseEnvironment().postProcessEnvironment(environment, null);
		return environment;
	}

	@Test
	void withNothingSetItIsTheEmbeddedH2FileDatabase() {
		StandardEnvironment environment = environment(Map.of("billing.data-dir", "/var/billing"));
		assertThat(environment.getProperty("spring.datasource.url"))
			.startsWith("jdbc:h2:file:/var/billing/billing;MODE=PostgreSQL");
		assertThat(environment.getProperty(REWRITE)).isNull();
	}

	@Test
	void withoutADataDirItIsOnePerUser() {
		StandardEnvironment environment = environment(Map.of("user.home", "/home/clerk"));
		assertThat(environment.getProperty("billing.data-dir")).isEqualTo("/home/clerk/.billing-reports");
		assertThat(environment.getProperty("spring.datasource.url"))
			.startsWith("jdbc:h2:file:/home/clerk/.billing-reports/billing;");
	}

	@Test
	void aRelativeDataDirIsTakenFromTheWorkingDirectory() {
		StandardEnvironment environment = environment(Map.of("billing.data-dir", "billing-data"));
		assertThat(environment.getProperty("spring.datasource.url")).startsWith("jdbc:h2:file:"
				+ java.nio.file.Path.of("billing-data").toAbsolutePath().resolve("billing") + ";");
	}

	@Test
	void databaseUrlIsTranslatedToJdbcSettings() {
		StandardEnvironment environment = environment(
				Map.of("DATABASE_URL", "postgres://billing:s%40cret@db.example.com:6543/billing?sslmode=require"));
		assertThat(environment.getProperty("spring.datasource.url"))
			.isEqualTo("jdbc:postgresql://db.example.com:6543/billing?sslmode=require");
		assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("billing");
		assertThat(environment.getProperty("spring.datasource.password")).isEqualTo("s@cret");
		assertThat(environment.getProperty(REWRITE)).isEqualTo("true");
	}

	@Test
	void anExplicitDatasourceUrlWinsOverDatabaseUrl() {
		StandardEnvironment environment = environment(Map.of("spring.datasource.url",
				"jdbc:postgresql://127.0.0.1/explicit", "DATABASE_URL", "postgres://u:p@elsewhere/db"));
		assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://127.0.0.1/explicit");
		assertThat(environment.getProperty(REWRITE)).isEqualTo("true");
	}

	@Test
	void anExplicitBatchingSettingIsKept() {
		StandardEnvironment environment = environment(
				Map.of("spring.datasource.url", "jdbc:postgresql://127.0.0.1/db", REWRITE, "false"));
		assertThat(environment.getProperty(REWRITE)).isEqualTo("false");
	}

	@Test
	void aDatabaseUrlOfAnotherKindIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> environment(Map.of("DATABASE_URL", "mysql://u:p@host/db")))
			.withMessageContaining("postgres://");
	}

}
