package org.billingreports.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.billingreports.support.Api;
import org.billingreports.support.ApiResponse;
import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingreports.support.Fixtures.ok;

/**
 * The OpenAPI description at {@code /openapi.json} against the running service: every documented
 * route gets one real request, and its answer's status must be documented and its body match the
 * documented schema, with no property the schema does not list. A route without a request here
 * fails the test, so the description and this test grow together.
 */
class ApiDescriptionTest extends ApiTestSupport {

	private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31());

	private static final String CSV_HEADER = "callId,customerId,channel,direction,from,to,startTime,answerTime,"
			+ "endTime,durationSeconds,billableSeconds,status,carrierCost";

	/** Ids that later requests use, from earlier answers. */
	private final Map<String, String> ids = new HashMap<>();

	@Test
	void everyDocumentedRouteAnswersAsDocumented() {
		JsonNode description = ok(anonymous().get("/openapi.json"));
		assertThat(description.get("openapi").asString()).startsWith("3.1");
		Map<String, Supplier<ApiResponse>> requests = requests();

		List<String> documented = new ArrayList<>();
		description.get("paths").properties().forEach(path -> path.getValue().propertyNames()
			.forEach(method -> documented.add(method.toUpperCase() + " " + path.getKey())));
		assertThat(requests.keySet()).as("a request for each documented route, and only those")
			.containsExactlyInAnyOrderElementsOf(documented);

		ObjectNode components = closed((ObjectNode) description.get("components"));
		for (Map.Entry<String, Supplier<ApiResponse>> request : requests.entrySet()) {
			String[] route = request.getKey().split(" ", 2);
			JsonNode operation = description.get("paths").get(route[1]).get(route[0].toLowerCase());
			assertAnswersAsDocumented(request.getKey(), operation, request.getValue().get(), components);
		}
	}

	@Test
	void theDescriptionHasExamplesFromTheSpecAndTheErrorShape() {
		JsonNode description = ok(anonymous().get("/openapi.json"));
		JsonNode schemas = description.at("/components/schemas");
		assertThat(schemas.at("/BillingReportRequest/properties/startDate/example").asString()).isEqualTo("2026-07-01");
		assertThat(schemas.at("/ReportInfo/properties/status/enum")).extracting(JsonNode::asString)
			.containsExactly("Queued", "Running", "Completed", "Error");
		assertThat(schemas.at("/ErrorResponse/properties/responseStatus").isMissingNode()).isFalse();
		assertThat(description.at("/paths/~1reports~1billing/post/operationId").asString()).isEqualTo("reportCreate");
		assertThat(description.at("/paths/~1reports~1billing/post/requestBody/content/application~1json/schema/$ref")
			.asString()).isEqualTo("#/components/schemas/BillingReportRequest");
		assertThat(description.at("/paths/~1accounts~1{id}/put/parameters").findValuesAsString("name"))
			.as("a request DTO is a body, not a query parameter")
			.containsExactly("id");
		assertThat(description.at("/components/securitySchemes").propertyNames()).contains("basic", "apiKey");
		assertThat(anonymous().get("/swagger-ui/index.html").status()).isEqualTo(200);
	}

	/** One request per route, in an order that gives each what it needs. */
	private Map<String, Supplier<ApiResponse>> requests() {
		Api admin = admin();
		String account = unique("doc");
		String customer = account + "-c";
		String number = "+1555" + (System.nanoTime() % 10_000_000);
		Map<String, Object> accountBody = new LinkedHashMap<>(Map.of("id", account, "name", "Documented",
				"timeZoneId", "UTC", "currency", "USD", "billingSettings",
				Map.of("outboundVoiceCalls", Fixtures.item("0", "1", "0.01", 0))));
		Map<String, Object> customerBody = new LinkedHashMap<>(
				Map.of("id", customer, "accountId", account, "name", "Customer"));
		Map<String, Object> report = Map.of("accountId", account, "startDate", "2026-07-01", "endDate",
				"2026-07-31");

		Map<String, Supplier<ApiResponse>> requests = new LinkedHashMap<>();
		requests.put("POST /accounts", () -> admin.post("/accounts", accountBody));
		requests.put("GET /accounts", () -> admin.get("/accounts"));
		requests.put("GET /accounts/{id}", () -> admin.get("/accounts/" + account));
		requests.put("PUT /accounts/{id}", () -> admin.put("/accounts/" + account, accountBody));
		requests.put("POST /customers", () -> admin.post("/customers", customerBody));
		requests.put("GET /customers", () -> admin.get("/customers?accountId=" + account));
		requests.put("GET /customers/{id}", () -> admin.get("/customers/" + customer));
		requests.put("PUT /customers/{id}", () -> admin.put("/customers/" + customer, customerBody));
		requests.put("POST /phone-numbers", () -> admin.post("/phone-numbers",
				Map.of("accountId", account, "customerId", customer, "number", number)));
		requests.put("GET /phone-numbers", () -> admin.get("/phone-numbers?accountId=" + account));
		requests.put("DELETE /phone-numbers/{number}", () -> admin.delete("/phone-numbers/" + number));
		requests.put("POST /calls/import", () -> remember("import", admin.send("POST",
				"/calls/import?accountId=" + account, "text/csv", CSV_HEADER + "\nd1," + customer
						+ ",voice,outbound,+1555,+1666,2026-07-02T10:00:00Z,,,60,60,completed,0")));
		requests.put("GET /calls/imports/{id}", () -> admin.get("/calls/imports/" + this.ids.get("import")));
		requests.put("GET /calls/imports", () -> admin.get("/calls/imports?accountId=" + account));
		requests.put("GET /calls/imports/{id}/rejections.csv",
				() -> admin.get("/calls/imports/" + this.ids.get("import") + "/rejections.csv"));
		requests.put("POST /calls/imports/{id}/restart",
				() -> admin.post("/calls/imports/" + this.ids.get("import") + "/restart", ""));
		requests.put("POST /rate-decks", () -> {
			ApiResponse upload = admin.send("POST", "/rate-decks?accountId=" + account + "&name=Documented", "text/csv",
					"prefix,description,connectFee,rate,rateUnitSeconds,firstIncrementSeconds,nextIncrementSeconds,"
							+ "minimumCharge,effectiveFrom\n44,UK,0,0.05,60,1,1,0,2026-01-01\n");
			if (upload.status() == 200) {
				this.ids.put("deck", upload.json().get("deck").get("id").asString());
			}
			return upload;
		});
		requests.put("GET /rate-decks", () -> admin.get("/rate-decks?accountId=" + account));
		requests.put("GET /rate-decks/{id}", () -> admin.get("/rate-decks/" + this.ids.get("deck")));
		requests.put("GET /rate-decks/{id}/rates.csv",
				() -> admin.get("/rate-decks/" + this.ids.get("deck") + "/rates.csv"));
		requests.put("POST /reports/billing", () -> remember("report", admin.post("/reports/billing", report)));
		requests.put("POST /json/reply/{dto}",
				() -> remember("other", admin.post("/json/reply/BillingReport", report)));
		requests.put("POST /api/{dto}", () -> admin.post("/api/ListReports", Map.of("accountId", account)));
		requests.put("POST /json/oneway/{dto}", () -> admin.post("/json/oneway/GetAccount", Map.of("id", account)));
		requests.put("GET /reports", () -> admin.get("/reports?accountId=" + account));
		requests.put("GET /reports/{id}",
				() -> admin.get("/reports/" + new Fixtures(admin).awaitEnd(this.ids.get("report")).get("id").asString()));
		requests.put("GET /reports/{id}.csv", () -> admin.get("/reports/" + this.ids.get("report") + ".csv"));
		requests.put("GET /reports/{id}.xlsx", () -> admin.get("/reports/" + this.ids.get("report") + ".xlsx"));
		requests.put("GET /reports/{id}/calls.csv",
				() -> admin.get("/reports/" + this.ids.get("report") + "/calls.csv"));
		requests.put("GET /reports/{id}/lines", () -> admin.get("/reports/" + this.ids.get("report") + "/lines"));
		requests.put("POST /reports/{id}/notifications/{notificationId}/resend", () -> admin
			.post("/reports/" + this.ids.get("report") + "/notifications/no-such-notification/resend", ""));
		requests.put("POST /reports/{id}/stop", () -> admin.post("/reports/" + this.ids.get("report") + "/stop", ""));
		requests.put("POST /reports/{id}/restart", () -> admin.post("/reports/" + this.ids.get("report") + "/restart", ""));
		requests.put("POST /reports/{id}/rerun", () -> admin.post("/reports/" + this.ids.get("report") + "/rerun", ""));
		requests.put("GET /reports/{id}/versions", () -> {
			// Once the rerun's version 2 is the one shown: changes are between completed versions.
			org.awaitility.Awaitility.await()
				.atMost(java.time.Duration.ofSeconds(60))
				.until(() -> ok(admin.get("/reports/" + this.ids.get("report"))).get("version").asInt() == 2);
			return admin.get("/reports/" + this.ids.get("report") + "/versions");
		});
		requests.put("GET /reports/{id}/changes", () -> admin.get("/reports/" + this.ids.get("report") + "/changes"));
		requests.put("GET /reports/{id}/changes.csv",
				() -> admin.get("/reports/" + this.ids.get("report") + "/changes.csv"));
		requests.put("GET /reports/{id}/adjustment.csv",
				() -> admin.get("/reports/" + this.ids.get("report") + "/adjustment.csv"));
		requests.put("GET /reports/{id}/versions/{version}/manifest",
				() -> admin.get("/reports/" + this.ids.get("report") + "/versions/2/manifest"));
		requests.put("POST /reports/{id}/versions/{version}/verify", () -> {
			ApiResponse verified = admin.post("/reports/" + this.ids.get("report") + "/versions/2/verify", "");
			if (verified.status() < 300) {
				this.ids.put("verification", verified.json().get("id").asString());
			}
			return verified;
		});
		requests.put("GET /reports/{id}/versions/{version}/verifications/{verificationId}", () -> admin
			.get("/reports/" + this.ids.get("report") + "/versions/2/verifications/" + this.ids.get("verification")));
		requests.put("DELETE /reports/{id}", () -> {
			new Fixtures(admin).awaitEnd(this.ids.get("other"));
			return admin.delete("/reports/" + this.ids.get("other"));
		});
		requests.put("POST /users", () -> remember("user", admin.post("/users", Map.of("username", account + "-m",
				"password", "documented-password", "role", "Manager", "accountId", account))));
		requests.put("GET /users", () -> admin.get("/users"));
		requests.put("POST /users/{id}/api-keys",
				() -> remember("key", admin.post("/users/" + this.ids.get("user") + "/api-keys", Map.of("name", "ci"))));
		requests.put("GET /users/{id}/api-keys", () -> admin.get("/users/" + this.ids.get("user") + "/api-keys"));
		requests.put("DELETE /users/{id}/api-keys/{keyId}",
				() -> admin.delete("/users/" + this.ids.get("user") + "/api-keys/" + this.ids.get("key")));
		requests.put("POST /accounts/{id}/switch-credentials",
				() -> remember("switch", admin.post("/accounts/" + account + "/switch-credentials", "")));
		requests.put("GET /accounts/{id}/switch-credentials",
				() -> admin.get("/accounts/" + account + "/switch-credentials"));
		requests.put("POST /calls/freeswitch/{accountId}", () -> admin.send("POST",
				"/calls/freeswitch/" + account + "?uuid=documented-leg", "application/json",
				"{\"variables\":{\"uuid\":\"documented-leg\",\"accountcode\":\"" + customer
						+ "\",\"start_epoch\":\"1783000000\",\"answer_epoch\":\"1783000002\","
						+ "\"end_epoch\":\"1783000062\",\"duration\":\"62\",\"billsec\":\"60\"}}"));
		requests.put("POST /calls/freeswitch/{accountId}/xml", () -> admin.send("POST",
				"/calls/freeswitch/" + account + "/xml?uuid=refused-leg", "text/xml",
				"<cdr><variables><uuid>refused-leg</uuid><accountcode>nobody</accountcode></variables></cdr>"));
		requests.put("GET /calls/freeswitch/{accountId}/rejections", () -> {
			ApiResponse listed = admin.get("/calls/freeswitch/" + account + "/rejections");
			this.ids.put("rejection", listed.json().get("rejections").get(0).get("id").asString());
			return listed;
		});
		requests.put("GET /calls/freeswitch/{accountId}/rejections/{id}",
				() -> admin.get("/calls/freeswitch/" + account + "/rejections/" + this.ids.get("rejection")));
		requests.put("DELETE /accounts/{id}/switch-credentials/{credentialId}",
				() -> admin.delete("/accounts/" + account + "/switch-credentials/" + this.ids.get("switch")));
		requests.put("POST /auth/{provider}", () -> anonymous().post("/auth/credentials",
				Map.of("userName", account + "-m", "password", "documented-password")));
		requests.put("GET /auth/{provider}", () -> anonymous().get("/auth/logout"));
		requests.put("POST /auth", () -> anonymous().post("/auth", Map.of("provider", "credentials", "userName",
				account + "-m", "password", "documented-password", "rememberMe", true)));
		requests.put("GET /auth", () -> admin.get("/auth"));
		requests.put("GET /auth/status", () -> admin.get("/auth/status"));
		requests.put("POST /auth/logout", () -> anonymous().post("/auth/logout", ""));
		requests.put("GET /auth/logout", () -> anonymous().get("/auth/logout"));
		requests.put("DELETE /users/{id}", () -> admin.delete("/users/" + this.ids.get("user")));
		return requests;
	}

	private ApiResponse remember(String name, ApiResponse response) {
		if (response.status() < 300) {
			this.ids.put(name, response.json().get("id").asString());
		}
		return response;
	}

	private static void assertAnswersAsDocumented(String route, JsonNode operation, ApiResponse response,
			ObjectNode components) {
		String answered = route + " answered " + response.status() + " " + response.body();
		JsonNode documented = operation.at("/responses/" + response.status());
		if (documented.isMissingNode()) {
			assertThat(response.status()).as(answered + ", a status not documented").isGreaterThanOrEqualTo(400);
			documented = operation.at("/responses/default");
		}
		if (response.status() == 204) {
			assertThat(documented.has("content")).as(route + ": 204 has no body").isFalse();
			assertThat(response.body()).as(answered).isEmpty();
			return;
		}
		String mediaType = response.header("Content-Type").split(";")[0].strip();
		JsonNode schema = documented.at("/content/" + mediaType.replace("/", "~1") + "/schema");
		assertThat(schema.isMissingNode()).as(answered + ": no schema for " + mediaType + " in " + documented)
			.isFalse();
		if (mediaType.equals("application/json")) {
			ObjectNode document = (ObjectNode) schema.deepCopy();
			document.set("components", components);
			List<Error> errors = SCHEMAS.getSchema(document.toString()).validate(response.json());
			assertThat(errors).as(answered).isEmpty();
		}
	}

	/** The schemas, with each object closed to properties it does not list: the JSON must match exactly. */
	private static ObjectNode closed(ObjectNode components) {
		ObjectNode copy = components.deepCopy();
		copy.get("schemas").forEach(schema -> close(schema));
		return copy;
	}

	private static void close(JsonNode schema) {
		if (schema instanceof ObjectNode object && object.has("properties")) {
			if (!object.has("additionalProperties")) {
				object.put("additionalProperties", false);
			}
			object.get("properties").forEach(ApiDescriptionTest::close);
		}
		if (schema.has("items")) {
			close(schema.get("items"));
		}
	}

}
