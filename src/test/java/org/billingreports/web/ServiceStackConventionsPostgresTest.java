package org.billingreports.web;

import org.billingreports.support.PostgresTest;

/** {@link ServiceStackConventionsTest} against PostgreSQL. */
@PostgresTest
class ServiceStackConventionsPostgresTest extends ServiceStackConventionsTest {

}
