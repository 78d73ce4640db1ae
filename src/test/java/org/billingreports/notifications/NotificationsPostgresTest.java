package org.billingreports.notifications;

import org.billingreports.support.PostgresTest;

/** {@link NotificationsTest} against PostgreSQL. */
@PostgresTest
class NotificationsPostgresTest extends NotificationsTest {

}
