package org.billingreports.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * The application with the {@link RatingGate} around rating, one job thread (so that the queue can
 * be seen), small chunks (so that a failure comes after some have committed), two partitions and at
 * most two active reports per account. Every test class with it shares one application.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Import(RatingGate.Configuration.class)
@TestPropertySource(properties = { "billing.executor.threads=1", "billing.limits.active-reports-per-account=2",
		"billing.jobs.billing-report.chunk-size=10",
		"billing.jobs.billing-report.partitions=2" })
public @interface GatedJobs {
}
