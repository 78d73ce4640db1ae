package org.billingreports.billingjob;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import org.billingreports.support.PostgresTestDatabase;

/** {@link FilesOnEveryNodeTest} with the nodes on one PostgreSQL database, as in production. */
@Tag("postgres")
@ExtendWith(PostgresTestDatabase.class)
class FilesOnEveryNodePostgresTest extends FilesOnEveryNodeTest {

	private PostgresTestDatabase.Schema schema;

	@Override
	protected List<String> database() {
		this.schema = PostgresTestDatabase.Schema.create();
		return this.schema.arguments();
	}

	@Override
	protected void closeDatabase() {
		if (this.schema != null) {
			this.schema.close();
		}
	}

}
