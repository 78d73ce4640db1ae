package org.billingreports.ratedecks;

import org.billingreports.support.PostgresTest;

/** {@link RateDeckUploadTest} against PostgreSQL. */
@PostgresTest
class RateDeckUploadPostgresTest extends RateDeckUploadTest {

}
