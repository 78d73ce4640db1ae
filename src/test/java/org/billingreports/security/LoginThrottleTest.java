package org.billingreports.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import org.billingreports.support.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

	private final ManualClock clock = new ManualClock(Instant.parse("2026-11-28T10:00:00Z"));

	private final LoginThrottle throttle = new LoginThrottle(properties(3, 5, Duration.ofMinutes(10)), this.clock);

	@BeforeEach
	void ready() {
		this.throttle.ready();
	}

	@Test
	void failuresWhileTheServiceIsStartingDoNotCount() {
		LoginThrottle starting = new LoginThrottle(properties(3, 5, Duration.ofMinutes(10)), this.clock);
		for (int i = 0; i < 10; i++) {
			starting.failed("early", "10.0.0.9");
		}
		assertThat(starting.blockedFor("early", "10.0.0.9")).isNull();
		starting.ready();
		for (int i = 0; i < 3; i++) {
			starting.failed("early", "10.0.0.9");
		}
		assertThat(starting.blockedFor("early", "10.0.0.9")).isNotNull();
	}

	@Test
	void aUserIsHeldBackAfterTooManyFailuresFromOneAddressUntilTheWindowPasses() {
		for (int i = 0; i < 3; i++) {
			assertThat(this.throttle.blockedFor("ann", "10.0.0.1")).isNull();
			this.throttle.failed("ann", "10.0.0.1");
			this.clock.advance(Duration.ofMinutes(1));
		}
		assertThat(this.throttle.blockedFor("ann", "10.0.0.1")).isEqualTo(Duration.ofMinutes(7));
		// From elsewhere, the user may still log in: a stranger cannot lock it out.
		assertThat(this.throttle.blockedFor("ann", "10.0.0.2")).isNull();
		this.clock.advance(Duration.ofMinutes(7));
		assertThat(this.throttle.blockedFor("ann", "10.0.0.1")).isNull();
	}

	@Test
	void anAddressIsHeldBackAfterTooManyFailuresWhateverTheNames() {
		for (String user : List.of("a", "b", "c", "d", "e")) {
			this.throttle.failed(user, "10.0.0.9");
		}
		assertThat(this.throttle.blockedFor("f", "10.0.0.9")).isEqualTo(Duration.ofMinutes(10));
		assertThat(this.throttle.blockedFor("f", "10.0.0.8")).isNull();
	}

	@Test
	void aSuccessForgetsTheUsersFailures() {
		this.throttle.failed("bob", "10.0.0.3");
		this.throttle.failed("bob", "10.0.0.3");
		this.throttle.succeeded("bob", "10.0.0.3");
		this.throttle.failed("bob", "10.0.0.3");
		this.throttle.failed("bob", "10.0.0.3");
		assertThat(this.throttle.blockedFor("bob", "10.0.0.3")).isNull();
	}

	private static SecurityProperties properties(int perUser, int perAddress, Duration window) {
		return new Binder(new MapConfigurationPropertySource(Map.of(
						"billing.security.logins.max-failures-per-user", String.valueOf(perUser),
						"billing.security.logins.max-failures-per-address", String.valueOf(perAddress),
						"billing.security.logins.window", window.toString())))
			.bindOrCreate("billing.security", SecurityProperties.class);
	}

}
