package org.billingreports.scheduling;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingreports.support.Fixtures.ok;

/** Nightly runs: the previous day in the account's zone, once, and caught up after downtime. */
class NightlyRunsTest extends ApiTestSupport {

	@Autowired
	NightlyRuns nightly;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theNightRunsYesterdayInTheAccountsZoneOnce() {
		String account = account("Pacific/Auckland", true);
		String off = account("UTC", false);
		// 12:30 UTC on 3 July is 00:30 on 4 July in Auckland: its yesterday is 3 July.
		Instant night = Instant.parse("2026-07-03T12:30:00Z");
		this.nightly.runFor(night);
		this.nightly.runFor(night);
		assertThat(nightlyDays(account)).containsExactly(LocalDate.parse("2026-07-03"));
		assertThat(nightlyDays(off)).isEmpty();

		JsonNode report = new Fixtures(admin()).awaitEnd(NightlyRuns.reportId(account, LocalDate.parse("2026-07-03")));
		assertThat(report.get("status").asString()).isEqualTo("Completed");
		assertThat(report.get("scheduled").asBoolean()).isTrue();
		assertThat(report.get("startDate").asString()).isEqualTo("2026-07-03");
		assertThat(report.get("endDate").asString()).isEqualTo("2026-07-03");
		// The call at 23:00 Auckland time on 3 July is in; the one the next morning is not.
		assertThat(report.get("statusMessage").asString()).startsWith("1 customers, 1 calls");
		assertThat(ok(admin().get("/reports?accountId=" + account)).get("reports").get(0).get("scheduled").asBoolean())
			.isTrue();
	}

	@Test
	void missedNightsAreCaughtUpOnceEachUpToTheLimit() {
		String account = account("UTC", true);
		Instant now = Instant.parse("2026-07-20T10:00:00Z");
		// The last night that ran was 15 July's.
		this.nightly.runFor(Instant.parse("2026-07-16T01:30:00Z"));
		new Fixtures(admin()).awaitEnd(NightlyRuns.reportId(account, LocalDate.parse("2026-07-15")));

		this.nightly.catchUp(now);
		this.nightly.catchUp(now);

		assertThat(nightlyDays(account)).containsExactly(LocalDate.parse("2026-07-15"), LocalDate.parse("2026-07-16"),
				LocalDate.parse("2026-07-17"), LocalDate.parse("2026-07-18"), LocalDate.parse("2026-07-19"));
	}

	@Test
	void aLongDowntimeIsCaughtUpOnlyAsFarAsConfigured() {
		String account = account("UTC", true);
		this.nightly.runFor(Instant.parse("2026-06-01T01:30:00Z"));
		new Fixtures(admin()).awaitEnd(NightlyRuns.reportId(account, LocalDate.parse("2026-05-31")));

		this.nightly.catchUp(Instant.parse("2026-07-01T10:00:00Z"));

		// billing.nightly.catch-up-days = 7: 23 to 30 June, not the whole month.
		List<LocalDate> days = nightlyDays(account);
		assertThat(days).hasSize(1 + 7);
		assertThat(days.get(1)).isEqualTo(LocalDate.parse("2026-06-24"));
		assertThat(days.get(days.size() - 1)).isEqualTo(LocalDate.parse("2026-06-30"));
	}

	@Test
	void anAccountWithoutNightlyHistoryGetsYesterdayOnly() {
		String account = account("UTC", true);
		this.nightly.catchUp(Instant.parse("2026-07-20T10:00:00Z"));
		assertThat(nightlyDays(account)).containsExactly(LocalDate.parse("2026-07-19"));
	}

	private String account(String zone, boolean nightlyOn) {
		Fixtures fixtures = new Fixtures(admin());
		String id = unique("night");
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", id);
		body.put("name", "Nightly " + id);
		body.put("timeZoneId", zone);
		body.put("billingSettings", Map.of("outboundVoiceCalls", Fixtures.item("0", "0", "0.01", 0)));
		body.put("nightlyBilling", Map.of("enabled", nightlyOn, "emailAddressToNotify", "night@example.com"));
		ok(admin().post("/accounts", body));
		fixtures.customer(id + "-c", id, null, "C", null, null);
		fixtures.importCalls(id, "callId,customerId,channel,direction,startTime,billableSeconds,status\n"
				+ "late," + id + "-c,voice,outbound,2026-07-03T23:00:00,60,completed\n"
				+ "next," + id + "-c,voice,outbound,2026-07-04T08:00:00,60,completed\n");
		assertThat(ZoneId.of(zone)).isNotNull();
		return id;
	}

	private List<LocalDate> nightlyDays(String account) {
		return this.jdbc
			.sql("SELECT nightly_date FROM billing_report WHERE account_id = ? AND nightly_date IS NOT NULL "
					+ "ORDER BY nightly_date")
			.param(account)
			.query(LocalDate.class)
			.list();
	}

}
