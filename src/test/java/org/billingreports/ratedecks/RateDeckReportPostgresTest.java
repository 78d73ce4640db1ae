package org.billingreports.ratedecks;

import org.billingreports.support.PostgresTest;

/** {@link RateDeckReportTest} against PostgreSQL. */
@PostgresTest
class RateDeckReportPostgresTest extends RateDeckReportTest {

}
