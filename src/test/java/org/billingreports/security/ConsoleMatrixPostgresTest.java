package org.billingreports.security;

import org.billingreports.support.PostgresTest;

/** {@link ConsoleMatrixTest} against PostgreSQL: the console's lists and filters on the production database. */
@PostgresTest
class ConsoleMatrixPostgresTest extends ConsoleMatrixTest {

}
