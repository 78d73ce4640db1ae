package org.billingreports.report;

import org.billingreports.support.PostgresTest;

/** {@link BillingReportEndToEndTest} against PostgreSQL. */
@PostgresTest
class BillingReportEndToEndPostgresTest extends BillingReportEndToEndTest {

}
