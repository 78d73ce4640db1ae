package org.billingreports.report;

import org.billingreports.support.PostgresTest;

/** {@link ConcurrentReportsTest} against PostgreSQL. */
@PostgresTest
class ConcurrentReportsPostgresTest extends ConcurrentReportsTest {

}
