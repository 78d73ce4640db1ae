package org.billingreports.scheduling;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.billingreports.support.Api;
import org.billingreports.support.Fixtures;
import org.billingreports.support.Nodes;
import org.billingreports.support.PostgresTestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingreports.support.Fixtures.ok;

/**
 * Two application instances on one PostgreSQL database fire the same night at the same moment: each
 * account with nightly billing gets one report for the day, launched once. Then calls of that day arrive
 * late, and both look for due reruns at the same moment: each late report gets one version 2.
 */
@ExtendWith(PostgresTestDatabase.class)
class NightlyOnTwoNodesPostgresTest {

	private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	private PostgresTestDatabase.Schema schema;

	@AfterEach
	void stop() {
		this.nodes.forEach(ConfigurableApplicationContext::close);
		if (this.schema != null) {
			this.schema.close();
		}
	}

	@Test
	void oneReportPerAccountPerNightAndOneRerunOfItHoweverManyNodesFire() throws Exception {
		this.schema = PostgresTestDatabase.Schema.create();
		ConfigurableApplicationContext first = start("node-one");
		ConfigurableApplicationContext second = start("node-two");
		Api api = Nodes.admin(first);
		List<String> accounts = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			String id = "acc" + i;
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("id", id);
			body.put("name", "Account " + i);
			body.put("billingSettings", Map.of("base", Fixtures.item("1", "0", "0", 0)));
			body.put("nightlyBilling", Map.of("enabled", i < 2));
			ok(api.post("/accounts", body));
			new Fixtures(api).customer(id + "-c", id, null, "C", null, null);
			accounts.add(id);
		}

		// Last night: a report of yesterday, within the window of automatic reruns.
		Instant night = Instant.now();
		LocalDate day = LocalDate.ofInstant(night, java.time.ZoneOffset.UTC).minusDays(1);
		for (String account : accounts) {
			new Fixtures(api).importCalls(account, "callId,customerId,channel,direction,startTime,billableSeconds,"
					+ "status\nfirst," + account + "-c,voice,outbound," + day + "T10:00:00Z,60,completed\n");
		}
		ExecutorService both = Executors.newFixedThreadPool(2);
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<?>> fired = new ArrayList<>();
			for (ConfigurableApplicationContext node : List.of(first, second)) {
				fired.add(both.submit(() -> {
					go.await();
					node.getBean(NightlyRuns.class).runFor(night);
					return null;
				}));
			}
			go.countDown();
			for (Future<?> firing : fired) {
				firing.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			both.shutdownNow();
		}

		JdbcClient jdbc = first.getBean(JdbcClient.class);
		for (String account : accounts.subList(0, 2)) {
			assertThat(jdbc.sql("SELECT COUNT(*) FROM billing_report WHERE account_id = ? AND nightly_date = ?")
				.params(account, day)
				.query(Long.class)
				.single()).as(account).isOne();
			String reportId = NightlyRuns.reportId(account, day);
			assertThat(new Fixtures(api).awaitEnd(reportId).get("status").asString()).isEqualTo("Completed");
			assertThat(jdbc.sql("SELECT COUNT(*) FROM report_execution WHERE report_id = ?")
				.param(reportId)
				.query(Long.class)
				.single()).as("executions of " + reportId).isOne();
		}
		assertThat(jdbc.sql("SELECT COUNT(*) FROM billing_report WHERE account_id = 'acc2'").query(Long.class).single())
			.isZero();

		// A late call of the day, on either node; both nodes look for due reruns at the same moment.
		for (String account : accounts.subList(0, 2)) {
			new Fixtures(Nodes.admin(second)).importCalls(account, "callId,customerId,channel,direction,startTime,"
					+ "billableSeconds,status\nlate," + account + "-c,voice,outbound," + day + "T23:00:00Z,60,completed\n");
			String reportId = NightlyRuns.reportId(account, day);
			org.awaitility.Awaitility.await()
				.atMost(java.time.Duration.ofSeconds(60))
				.until(() -> ok(api.get("/reports/" + reportId)).get("outOfDate").asBoolean());
		}
		Instant quiet = Instant.now().plus(java.time.Duration.ofMinutes(11));
		int made = 0;
		ExecutorService together = Executors.newFixedThreadPool(2);
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<Integer>> looked = new ArrayList<>();
			for (ConfigurableApplicationContext node : List.of(first, second)) {
				looked.add(together.submit(() -> {
					go.await();
					return node.getBean(LateDataReruns.class).rerunDue(quiet).size();
				}));
			}
			go.countDown();
			for (Future<Integer> looking : looked) {
				made += looking.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			together.shutdownNow();
		}
		assertThat(made).as("one version 2 per late report, whichever node made it").isEqualTo(2);
		for (String account : accounts.subList(0, 2)) {
			String reportId = NightlyRuns.reportId(account, day);
			org.awaitility.Awaitility.await()
				.atMost(java.time.Duration.ofSeconds(60))
				.until(() -> ok(api.get("/reports/" + reportId)).get("version").asInt() == 2);
			assertThat(jdbc.sql("SELECT COUNT(*) FROM report_version WHERE report_id = ?")
				.param(reportId)
				.query(Long.class)
				.single()).as("versions of " + reportId).isEqualTo(2);
			assertThat(ok(api.get("/reports/" + reportId)).get("statusMessage").asString()).startsWith("1 customers, 2 calls");
		}
	}

	private ConfigurableApplicationContext start(String node) {
		ConfigurableApplicationContext context = Nodes.start(node, this.schema.arguments());
		this.nodes.add(context);
		return context;
	}

}
