package org.billingreports.support;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Sets up reference data and runs reports through the API, asserting every step succeeded. */
public final class Fixtures {

	private final Api api;

	public Fixtures(Api api) {
		this.api = api;
	}

	/** A billing item: {baseCost, rawUnitMultiplier, unitCost, allowance}. */
	public static Map<String, Object> item(String baseCost, String rawUnitMultiplier, String unitCost,
			long allowance) {
		Map<String, Object> item = new LinkedHashMap<>();
		item.put("baseCost", new BigDecimal(baseCost));
		item.put("rawUnitMultiplier", new BigDecimal(rawUnitMultiplier));
		item.put("unitCost", new BigDecimal(unitCost));
		item.put("allowance", allowance);
		return item;
	}

	public JsonNode account(String id, String timeZoneId, Map<String, Object> billingSettings) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", id);
		body.put("name", "Account " + id);
		body.put("timeZoneId", timeZoneId);
		body.put("currency", "USD");
		body.put("billingSettings", billingSettings);
		return ok(this.api.post("/accounts", body));
	}

	public JsonNode customer(String id, String accountId, String parentId, String name, String referenceId,
			Map<String, Object> overrideSettings) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", id);
		body.put("accountId", accountId);
		body.put("parentCustomerId", parentId);
		body.put("name", name);
		body.put("referenceId", referenceId);
		body.put("overrideBillingSettings", overrideSettings != null);
		body.put("billingSettings", overrideSettings);
		return ok(this.api.post("/customers", body));
	}

	public void phoneNumber(String accountId, String customerId, boolean tollFree) {
		ok(this.api.post("/phone-numbers", Map.of("accountId", accountId, "customerId", customerId, "number",
				randomNumber(tollFree), "tollFree", tollFree)));
	}

	/** Imports native CSV and returns the import's answer. */
	/**
	 * Account {@code id} (UTC) with rates for voice and SMS and customers {@code c0}…{@code c4}: what
	 * {@link PostgresTestDatabase.Schema#insertCalls} bills.
	 */
	public void accountWithFiveCustomers(String id) {
		account(id, "UTC", Map.of("base", item("3", "0", "0", 0), "outboundVoiceCalls", item("0", "1.05", "0.012", 100),
				"inboundVoiceCalls", item("0", "0", "0.007", 0), "outboundSmsMessages", item("0", "0", "0.0045", 0)));
		for (int i = 0; i < 5; i++) {
			customer("c" + i, id, null, "Customer " + i, null, null);
		}
	}

	public JsonNode importCalls(String accountId, String csv) {
		return ok(this.api.send("POST", "/calls/import?accountId=" + accountId, "text/csv", csv));
	}

	/** Requests a report and waits until it has ended; returns its final ReportInfo. */
	public JsonNode runReport(Map<String, Object> request) {
		JsonNode created = ok(this.api.post("/reports/billing", request));
		return awaitEnd(created.get("id").asString());
	}

	public JsonNode awaitEnd(String reportId) {
		return awaitStatus(reportId, "Completed", "Error");
	}

	public JsonNode awaitStatus(String reportId, String... statuses) {
		JsonNode[] last = new JsonNode[1];
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
			last[0] = ok(this.api.get("/reports/" + reportId));
			assertThat(last[0].get("status").asString()).isIn((Object[]) statuses);
		});
		return last[0];
	}

	public static JsonNode ok(ApiResponse response) {
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

	private static String randomNumber(boolean tollFree) {
		return (tollFree ? "+1800" : "+1212") + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
	}

}
