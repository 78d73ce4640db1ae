package org.billingreports.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** A clock the test moves by hand; in an application, the one clock of the service (see {@link Configuration}). */
public final class ManualClock extends Clock {

	private volatile Instant now;

	public ManualClock(Instant start) {
		this.now = start;
	}

	public void advance(Duration duration) {
		this.now = this.now.plus(duration);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		return this.now;
	}

	/** Puts a manual clock, starting now, in place of the service's clock: {@code @Import(ManualClock.Configuration.class)}. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Configuration {

		@Bean
		@Primary
		ManualClock manualClock() {
			return new ManualClock(Instant.now());
		}

	}

}
