package org.billingreports.report;

import org.billingreports.support.PostgresTest;

/** {@link ReportLifecycleTest} against PostgreSQL. */
@PostgresTest
class ReportLifecyclePostgresTest extends ReportLifecycleTest {

}
