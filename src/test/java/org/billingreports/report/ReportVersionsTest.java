package org.billingreports.report;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;
import org.billingreports.support.GatedJobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingreports.support.Fixtures.item;
import static org.billingreports.support.Fixtures.ok;
import static org.billingreports.support.RatingGate.GATE;

/**
 * A report keeps its id and gains versions: a rerun rates the call records as they are now into
 * version 2, while every read goes on showing version 1 until version 2 has completed; version 1 stays
 * as it was, its files included, and is read with {@code ?version=1}. Restart and stop act on the newest
 * version; a rerun is refused while a version runs.
 */
@GatedJobs
class ReportVersionsTest extends ApiTestSupport {

	private static final String HEADER = "callId,customerId,channel,direction,startTime,billableSeconds,status,"
			+ "carrierCost\n";

	@AfterEach
	void openGate() {
		GATE.releaseAll();
	}

	@Test
	void aRerunIsVersionTwoAndVersionOneStaysAsItWas() throws Exception {
		Fixtures fixtures = new Fixtures(admin());
		String account = unique("ver");
		fixtures.account(account, "UTC", Map.of("outboundVoiceCalls", item("0", "1", "0.01", 0)));
		String customer = account + "-c";
		fixtures.customer(customer, account, null, "C", null, null);
		fixtures.importCalls(account, HEADER + "a," + customer + ",voice,outbound,2026-07-01T10:00:00Z,60,completed,0.02\n"
				+ "b," + customer + ",voice,outbound,2026-07-02T10:00:00Z,120,completed,0.03\n");
		JsonNode first = fixtures.runReport(Map.of("accountId", account, "startDate", "2026-07-01", "endDate",
				"2026-07-31"));
		String id = first.get("id").asString();
		assertThat(first.get("version").asInt()).isOne();
		assertThat(first.get("versions").asInt()).isOne();
		assertThat(first.has("latestVersion")).isFalse();
		assertThat(first.get("outOfDate").asBoolean()).isFalse();
		assertThat(first.get("outOfDateReasons")).isEmpty();
		assertThat(first.get("downloadLink").asString()).contains(".csv?version=1&token=");
		String versionOneFile = admin().get("/reports/" + id + ".csv").body();
		assertThat(versionOneFile).contains("C,OutboundVoiceCalls,3,0,3,0.01,0,0.05,0.08");

		fixtures.importCalls(account, HEADER + "c," + customer + ",voice,outbound,2026-07-03T10:00:00Z,60,completed,0.04\n");
		CountDownLatch held = GATE.hold(customer);
		JsonNode rerun = ok(admin().post("/reports/" + id + "/rerun", Map.of()));
		assertThat(rerun.get("id").asString()).isEqualTo(id);
		assertThat(rerun.get("version").asInt()).isEqualTo(2);
		assertThat(rerun.get("status").asString()).isIn("Queued", "Running");
		assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();

		// While version 2 runs, every read shows version 1, completed, and says a newer one runs.
		JsonNode during = ok(admin().get("/reports/" + id));
		assertThat(during.get("version").asInt()).isOne();
		assertThat(during.get("status").asString()).isEqualTo("Completed");
		assertThat(during.get("versions").asInt()).isEqualTo(2);
		assertThat(during.get("latestVersion").asInt()).isEqualTo(2);
		assertThat(during.get("latestStatus").asString()).isEqualTo("Running");
		assertThat(admin().get("/reports/" + id + ".csv").body()).isEqualTo(versionOneFile);
		JsonNode listed = ok(admin().get("/reports?accountId=" + account)).get("reports").get(0);
		assertThat(listed.get("version").asInt()).isOne();
		assertThat(listed.get("latestStatus").asString()).isEqualTo("Running");
		assertThat(admin().post("/reports/" + id + "/rerun", Map.of()).status()).as("one version runs at a time")
			.isEqualTo(409);
		assertThat(admin().post("/reports/" + id + "/restart", Map.of()).status()).as("the newest runs").isEqualTo(409);

		GATE.release(customer);
		JsonNode second = fixtures.awaitStatus(id, "Completed");
		await(() -> ok(admin().get("/reports/" + id)).get("version").asInt() == 2);
		second = ok(admin().get("/reports/" + id));
		assertThat(second.get("version").asInt()).isEqualTo(2);
		assertThat(second.has("latestVersion")).isFalse();
		assertThat(second.get("statusMessage").asString()).startsWith("1 customers, 3 calls");
		assertThat(second.get("downloadLink").asString()).contains(".csv?version=2&token=");
		assertThat(admin().get("/reports/" + id + ".csv").body()).contains("C,OutboundVoiceCalls,4,0,4,0.01,0,0.09,0.13");

		// Version 1 as it was: its info, its file byte for byte (also by its mailed link), its lines.
		JsonNode one = ok(admin().get("/reports/" + id + "?version=1"));
		assertThat(one.get("version").asInt()).isOne();
		assertThat(one.get("statusMessage").asString()).startsWith("1 customers, 2 calls");
		assertThat(admin().get("/reports/" + id + ".csv?version=1").body()).isEqualTo(versionOneFile);
		String link = first.get("downloadLink").asString();
		assertThat(anonymous().get(link.substring(link.indexOf("/reports/"))).body()).isEqualTo(versionOneFile);
		assertThat(ok(admin().get("/reports/" + id + "/lines?version=1")).get("total").decimalValue())
			.isEqualByComparingTo("0.08");
		assertThat(ok(admin().get("/reports/" + id + "/lines")).get("version").asInt()).isEqualTo(2);
		assertThat(admin().get("/reports/" + id + ".csv?version=2").headers().firstValue("Content-Disposition")
			.orElseThrow()).contains("-v2.csv");
		assertThat(admin().get("/reports/" + id + "?version=3").status()).isEqualTo(404);
		assertThat(admin().get("/reports/" + id + "?version=two").status()).isEqualTo(400);

		JsonNode versions = ok(admin().get("/reports/" + id + "/versions")).get("versions");
		assertThat(versions).hasSize(2);
		assertThat(versions.get(0).get("version").asInt()).isOne();
		assertThat(versions.get(0).get("status").asString()).isEqualTo("Completed");
		assertThat(versions.get(0).get("total").decimalValue()).isEqualByComparingTo("0.08");
		assertThat(versions.get(0).get("calls").asLong()).isEqualTo(2);
		assertThat(versions.get(0).get("currency").asString()).isEqualTo("USD");
		assertThat(versions.get(0).get("startedBy").asString()).isEqualTo(ADMIN);
		assertThat(versions.get(0).has("dateCompleted")).isTrue();
		assertThat(versions.get(1).get("total").decimalValue()).isEqualByComparingTo("0.13");
		assertThat(versions.get(1).get("startedBy").asString()).isEqualTo(ADMIN);
	}

	@Test
	void restartResumesTheNewestVersionInError() {
		Fixtures fixtures = new Fixtures(admin());
		String account = unique("verr");
		fixtures.account(account, "UTC", Map.of("outboundVoiceCalls", item("0", "0", "0.01", 0)));
		String customer = account + "-c";
		fixtures.customer(customer, account, null, "C", null, null);
		fixtures.importCalls(account, HEADER + "a," + customer + ",voice,outbound,2026-07-01T10:00:00Z,60,completed,0\n");
		String id = fixtures.runReport(Map.of("accountId", account, "startDate", "2026-07-01", "endDate",
				"2026-07-31")).get("id").asString();

		GATE.fail(customer);
		assertThat(ok(admin().post("/reports/" + id + "/rerun", Map.of())).get("version").asInt()).isEqualTo(2);
		await(() -> "Error".equals(ok(admin().get("/reports/" + id)).path("latestStatus").asString()));
		JsonNode shown = ok(admin().get("/reports/" + id));
		assertThat(shown.get("version").asInt()).as("the completed version is still shown").isOne();
		assertThat(shown.get("status").asString()).isEqualTo("Completed");

		GATE.heal(customer);
		JsonNode restarted = ok(admin().post("/reports/" + id + "/restart", Map.of()));
		assertThat(restarted.get("version").asInt()).as("the same version resumed, no third").isEqualTo(2);
		await(() -> ok(admin().get("/reports/" + id)).get("version").asInt() == 2);
		assertThat(ok(admin().get("/reports/" + id + "/versions")).get("versions")).hasSize(2);
	}

	private static void await(java.util.concurrent.Callable<Boolean> condition) {
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(condition);
	}

}
