package org.billingreports.servicestack;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import org.billingreports.support.PostgresTestDatabase;
import org.billingreports.support.SharedDatabase;

/** {@link SessionsAcrossNodesTest} with the nodes on one PostgreSQL database, as in production. */
@Tag("postgres")
@ExtendWith(PostgresTestDatabase.class)
class SessionsAcrossNodesPostgresTest extends SessionsAcrossNodesTest {

	@Override
	protected SharedDatabase createDatabase() {
		return PostgresTestDatabase.Schema.create();
	}

}
