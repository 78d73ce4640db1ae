package org.billingreports.rating;

import java.sql.Connection;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import org.billingreports.support.PostgresTestDatabase;

/** {@link RatingSqlTest} on PostgreSQL, in a schema of its own. */
@Tag("postgres")
@ExtendWith(PostgresTestDatabase.class)
class RatingSqlPostgresTest extends RatingSqlTest {

	private PostgresTestDatabase.Schema schema;

	@Override
	protected Connection connect() throws Exception {
		this.schema = PostgresTestDatabase.Schema.create();
		return this.schema.connect();
	}

	@AfterEach
	void dropSchema() {
		if (this.schema != null) {
			this.schema.close();
		}
	}

}
