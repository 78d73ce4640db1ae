package org.billingreports.ingestion;

import org.billingreports.support.PostgresTest;

/** {@link FreeSwitchPushTest} against PostgreSQL. */
@PostgresTest
class FreeSwitchPushPostgresTest extends FreeSwitchPushTest {

}
