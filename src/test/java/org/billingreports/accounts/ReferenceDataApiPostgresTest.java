package org.billingreports.accounts;

import org.billingreports.support.PostgresTest;

/** {@link ReferenceDataApiTest} against PostgreSQL. */
@PostgresTest
class ReferenceDataApiPostgresTest extends ReferenceDataApiTest {

}
