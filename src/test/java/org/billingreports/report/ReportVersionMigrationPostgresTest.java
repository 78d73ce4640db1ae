package org.billingreports.report;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import org.billingreports.support.PostgresTestDatabase;

/** {@link ReportVersionMigrationTest} on PostgreSQL, in a schema of its own. */
@Tag("postgres")
@ExtendWith(PostgresTestDatabase.class)
class ReportVersionMigrationPostgresTest extends ReportVersionMigrationTest {

	private PostgresTestDatabase.Schema schema;

	@Override
	protected DataSource dataSource() {
		this.schema = PostgresTestDatabase.Schema.create();
		return new SimpleDriverDataSource(new org.postgresql.Driver(), this.schema.url(), PostgresTestDatabase.USER,
				PostgresTestDatabase.PASSWORD);
	}

	@AfterEach
	void dropSchema() {
		if (this.schema != null) {
			this.schema.close();
		}
	}

}
