package org.billingreports.report;

import org.billingreports.support.PostgresTest;

/** {@link ReportProofTest} against PostgreSQL. */
@PostgresTest
class ReportProofPostgresTest extends ReportProofTest {

}
