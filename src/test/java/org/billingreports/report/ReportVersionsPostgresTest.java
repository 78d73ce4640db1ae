package org.billingreports.report;

import org.billingreports.support.PostgresTest;

/** {@link ReportVersionsTest} against PostgreSQL. */
@PostgresTest
class ReportVersionsPostgresTest extends ReportVersionsTest {

}
