package org.billingreports.report;

import org.billingreports.support.PostgresTest;

/** {@link OutOfDateTest} against PostgreSQL. */
@PostgresTest
class OutOfDatePostgresTest extends OutOfDateTest {

}
