package org.billingreports.calls;

import org.billingreports.support.PostgresTest;

/** {@link CallImportTest} against PostgreSQL. */
@PostgresTest
class CallImportPostgresTest extends CallImportTest {

}
