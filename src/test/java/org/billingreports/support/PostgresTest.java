package org.billingreports.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.test.context.ContextConfiguration;

/**
 * Runs a test class (typically a subclass of an H2 test, inheriting its tests) against a real
 * PostgreSQL server, in a schema of its own. See {@link PostgresTestDatabase}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("postgres")
@ExtendWith(PostgresTestDatabase.class)
@ContextConfiguration(initializers = PostgresTestDatabase.class)
public @interface PostgresTest {
}
