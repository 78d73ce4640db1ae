package org.billingreports.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import org.billingreports.support.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

	private final ManualClock clock = new ManualClock(Instant.parse("2026-11-28T10:00:00Z"));

	private static final LoginThrottle.Scope PEOPLE = LoginThrottle.Scope.people;

	private final JdbcClient jdbc = database();

	private final LoginThrottle throttle = new LoginThrottle(this.jdbc, properties(3, 5, Duration.ofMinutes(10)),
			this.clock);

	@BeforeEach
	void ready() {
		this.throttle.ready();
	}

	@Test
	void failuresWhileTheServiceIsStartingDoNotCount() {
		LoginThrottle starting = new LoginThrottle(this.jdbc, properties(3, 5, Duration.ofMinutes(10)), this.clock);
		for (int i = 0; i < 10; i++) {
			starting.failed(PEOPLE, "early", "10.0.0.9");
		}
		assertThat(starting.blockedFor(PEOPLE, "early", "10.0.0.9")).isNull();
		starting.ready();
		for (int i = 0; i < 3; i++) {
			starting.failed(PEOPLE, "early", "10.0.0.9");
		}
		assertThat(starting.blockedFor(PEOPLE, "early", "10.0.0.9")).isNotNull();
	}

	@Test
	void aUserIsHeldBackAfterTooManyFailuresFromOneAddressUntilTheWindowPasses() {
		for (int i = 0; i < 3; i++) {
			assertThat(this.throttle.blockedFor(PEOPLE, "ann", "10.0.0.1")).isNull();
			this.throttle.failed(PEOPLE, "ann", "10.0.0.1");
			this.clock.advance(Duration.ofMinutes(1));
		}
		assertThat(this.throttle.blockedFor(PEOPLE, "ann", "10.0.0.1")).isEqualTo(Duration.ofMinutes(7));
		// From elsewhere, the user may still log in: a stranger cannot lock it out.
		assertThat(this.throttle.blockedFor(PEOPLE, "ann", "10.0.0.2")).isNull();
		this.clock.advance(Duration.ofMinutes(7));
		assertThat(this.throttle.blockedFor(PEOPLE, "ann", "10.0.0.1")).isNull();
	}

	@Test
	void anAddressIsHeldBackAfterTooManyFailuresWhateverTheNames() {
		for (String user : List.of("a", "b", "c", "d", "e")) {
			this.throttle.failed(PEOPLE, user, "10.0.0.9");
		}
		assertThat(this.throttle.blockedFor(PEOPLE, "f", "10.0.0.9")).isEqualTo(Duration.ofMinutes(10));
		assertThat(this.throttle.blockedFor(PEOPLE, "f", "10.0.0.8")).isNull();
	}

	@Test
	void aSuccessForgetsTheUsersFailures() {
		this.throttle.failed(PEOPLE, "bob", "10.0.0.3");
		this.throttle.failed(PEOPLE, "bob", "10.0.0.3");
		this.throttle.succeeded(PEOPLE, "bob", "10.0.0.3");
		this.throttle.failed(PEOPLE, "bob", "10.0.0.3");
		this.throttle.failed(PEOPLE, "bob", "10.0.0.3");
		assertThat(this.throttle.blockedFor(PEOPLE, "bob", "10.0.0.3")).isNull();
	}

	@Test
	void anAddressDoesNotHoldBackANameThatSignedInFromItLately() {
		this.throttle.succeeded(PEOPLE, "carol", "10.0.0.7");
		for (String user : List.of("a", "b", "c", "d", "e")) {
			this.throttle.failed(PEOPLE, user, "10.0.0.7");
		}
		assertThat(this.throttle.blockedFor(PEOPLE, "mallory", "10.0.0.7")).isNotNull();
		assertThat(this.throttle.blockedFor(PEOPLE, "carol", "10.0.0.7")).isNull();
	}

	@Test
	void aSwitchWithAWrongCredentialHoldsBackNoPerson() {
		for (int i = 0; i < 20; i++) {
			this.throttle.failed(LoginThrottle.Scope.ingestion, "sw_0123", "10.0.0.5");
		}
		assertThat(this.throttle.blockedFor(LoginThrottle.Scope.ingestion, "sw_0123", "10.0.0.5")).isNotNull();
		assertThat(this.throttle.blockedFor(PEOPLE, "dave", "10.0.0.5")).isNull();
	}

	@Test
	void failuresCountedOnOneNodeHoldBackOnAnother() {
		LoginThrottle other = new LoginThrottle(this.jdbc, properties(3, 5, Duration.ofMinutes(10)), this.clock);
		other.ready();
		this.throttle.failed(PEOPLE, "erin", "10.0.0.6");
		other.failed(PEOPLE, "erin", "10.0.0.6");
		this.throttle.failed(PEOPLE, "erin", "10.0.0.6");
		// Each reads every node's counts at most a second late.
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(other.blockedFor(PEOPLE, "erin", "10.0.0.6")).isNotNull();
		assertThat(this.throttle.blockedFor(PEOPLE, "erin", "10.0.0.6")).isNotNull();
	}

	@Test
	void aFailureIsCountedOnceWhenTheCountsAreReadAgainAsItIsRecorded() {
		// Each failure a second after the last: every one of them makes the node read every node's counts again.
		for (int i = 0; i < 2; i++) {
			this.throttle.failed(PEOPLE, "frank", "10.0.0.4");
			this.clock.advance(Duration.ofSeconds(1));
		}
		assertThat(this.throttle.blockedFor(PEOPLE, "frank", "10.0.0.4")).as("2 failures of 3 allowed").isNull();
	}

	private static JdbcClient database() {
		try {
			JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(
					"jdbc:h2:mem:throttle-" + System.nanoTime() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1", "sa", ""));
			for (String statement : Files.readString(Path.of("sql/V19__login_failures.sql")).split(";")) {
				if (!statement.replaceAll("(?m)^--.*$", "").isBlank()) {
					jdbc.sql(statement).update();
				}
			}
			return jdbc;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static SecurityProperties properties(int perUser, int perAddress, Duration window) {
		return new Binder(new MapConfigurationPropertySource(Map.of(
						"billing.security.logins.max-failures-per-user", String.valueOf(perUser),
						"billing.security.logins.max-failures-per-address", String.valueOf(perAddress),
						"billing.security.logins.window", window.toString())))
			.bindOrCreate("billing.security", SecurityProperties.class);
	}

}
