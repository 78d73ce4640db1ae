package org.billingreports.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.unit.DataSize;

import org.billingreports.kernel.ApiException;
import org.billingreports.kernel.RequestLimits;
import org.billingreports.support.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Requests of a caller counted per minute over two nodes on one database: each node counts in memory and adds
 * its counts to every node's; launches and pushed call records have limits of their own.
 */
class RequestQuotasTest {

	private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T10:00:10Z"));

	private final RequestLimits limits = new RequestLimits(DataSize.ofMegabytes(1), DataSize.ofGigabytes(2), 3, 5);

	private final Caller ann = new Caller("user-ann", "ann", null, Role.Manager, "acc", null);

	private JdbcClient jdbc;

	@BeforeEach
	void database() throws Exception {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(
				"jdbc:h2:mem:quotas-" + System.nanoTime() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1", "sa", "");
		this.jdbc = JdbcClient.create(dataSource);
		this.jdbc.sql(Files.readString(Path.of("sql/V18__request_quotas.sql"))).update();
	}

	@Test
	void twoNodesTogetherHoldACallerToItsLimitUntilTheMinutePasses() {
		RequestQuotas first = new RequestQuotas(this.jdbc, this.clock, this.limits);
		RequestQuotas second = new RequestQuotas(this.jdbc, this.clock, this.limits);
		first.spend(this.ann, RequestQuotas.Kind.launches);
		first.spend(this.ann, RequestQuotas.Kind.launches);
		second.spend(this.ann, RequestQuotas.Kind.launches);
		first.flush();
		second.flush();
		// A second later each has read what the other counted.
		first.flush();
		// Three launches this minute on the two nodes: the fourth is refused on either, until 10:01.
		assertThatThrownBy(() -> first.spend(this.ann, RequestQuotas.Kind.launches)).isInstanceOfSatisfying(
				ApiException.class, refused -> assertThat(refused.getMessage()).contains("try again in 50 seconds"));
		assertThatThrownBy(() -> second.spend(this.ann, RequestQuotas.Kind.launches)).isInstanceOf(ApiException.class);
		// Pushed call records count apart: a switch never uses up a person's launches, nor the other way.
		for (int i = 0; i < 5; i++) {
			second.spend(this.ann, RequestQuotas.Kind.ingestion);
		}
		assertThatThrownBy(() -> second.spend(this.ann, RequestQuotas.Kind.ingestion)).isInstanceOf(ApiException.class);
		// Another caller has its own.
		first.spend(new Caller("user-bob", "bob", null, Role.Manager, "acc", null), RequestQuotas.Kind.launches);

		this.clock.advance(Duration.ofSeconds(50));
		first.spend(this.ann, RequestQuotas.Kind.launches);
		second.spend(this.ann, RequestQuotas.Kind.launches);
	}

	@Test
	void aRefusedRequestDoesNotCount() {
		RequestQuotas node = new RequestQuotas(this.jdbc, this.clock, this.limits);
		for (int i = 0; i < 3; i++) {
			node.spend(this.ann, RequestQuotas.Kind.launches);
		}
		for (int i = 0; i < 10; i++) {
			assertThatThrownBy(() -> node.spend(this.ann, RequestQuotas.Kind.launches)).isInstanceOf(ApiException.class);
		}
		node.flush();
		assertThat(this.jdbc.sql("SELECT requests FROM request_quota").query(Long.class).single()).isEqualTo(3);
	}

}
