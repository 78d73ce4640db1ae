package org.billingreports.calls;

import org.billingreports.support.PostgresTest;

/** {@link CallRevisionsTest} against PostgreSQL, where a chunk is copied and merged. */
@PostgresTest
class CallRevisionsPostgresTest extends CallRevisionsTest {

}
