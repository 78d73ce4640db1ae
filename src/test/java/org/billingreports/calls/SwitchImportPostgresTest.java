package org.billingreports.calls;

import org.billingreports.support.PostgresTest;

/** {@link SwitchImportTest} against PostgreSQL. */
@PostgresTest
class SwitchImportPostgresTest extends SwitchImportTest {

}
