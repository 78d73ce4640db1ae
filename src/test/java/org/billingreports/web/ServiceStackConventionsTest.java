package org.billingreports.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.billingreports.support.Api;
import org.billingreports.support.ApiResponse;
import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingreports.support.Fixtures.ok;

/** The ServiceStack conventions ({@code api.md}, {@code clients.md}), which existing Evo clients rely on. */
class ServiceStackConventionsTest extends ApiTestSupport {

	private String account;

	@BeforeEach
	void setUp() {
		this.account = unique("conv");
		new Fixtures(admin()).account(this.account, "UTC", Map.of());
	}

	private Map<String, Object> request() {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("accountId", this.account);
		request.put("startDate", "2026-07-01");
		request.put("endDate", "2026-07-31");
		return request;
	}

	@Test
	void jsonIsCamelCaseWithAbsentValuesLeftOut() {
		ApiResponse created = admin().post("/reports/billing", request());
		assertThat(created.status()).isEqualTo(200);
		assertThat(created.header("Content-Type")).startsWith("application/json");
		JsonNode report = created.json();
		assertThat(report.propertyNames()).contains("id", "name", "status", "statusMessage", "dateCreated",
				"dateUpdated", "jobId", "server");
		// Not asked for, and not yet there: omitted rather than null.
		assertThat(report.has("emailAddressToNotify")).isFalse();
		assertThat(created.body()).doesNotContain("null");
		assertThat(report.get("status").asString()).isIn("Queued", "Running", "Completed");
	}

	@Test
	void jsonSuffixSelectsJson() {
		JsonNode created = ok(admin().post("/reports/billing.json", request()));
		String id = created.get("id").asString();
		ApiResponse suffixed = admin().get("/reports/" + id + ".json");
		assertThat(suffixed.status()).isEqualTo(200);
		assertThat(suffixed.json().get("id").asString()).isEqualTo(id);
		assertThat(admin().get("/accounts/" + this.account + ".json").json().get("id").asString())
			.isEqualTo(this.account);
	}

	@Test
	void formatQueryParameterSelectsJson() {
		String id = ok(admin().post("/reports/billing", request())).get("id").asString();
		Api api = admin();
		ApiResponse csvOnly = api.sendWithAccept("GET", "/reports/" + id, "text/csv");
		assertThat(csvOnly.status()).isEqualTo(406);
		ApiResponse forced = api.sendWithAccept("GET", "/reports/" + id + "?format=json", "text/csv");
		assertThat(forced.status()).isEqualTo(200);
		assertThat(forced.json().get("id").asString()).isEqualTo(id);
	}

	@Test
	void callbackWrapsJsonAsJsonp() {
		String id = ok(admin().post("/reports/billing", request())).get("id").asString();
		ApiResponse jsonp = admin().get("/reports/" + id + "?callback=handleReport");
		assertThat(jsonp.status()).isEqualTo(200);
		assertThat(jsonp.header("Content-Type")).startsWith("application/javascript");
		assertThat(jsonp.body()).startsWith("handleReport({\"id\":\"" + id + "\"").endsWith("});");
		ApiResponse error = admin().get("/reports/nope?callback=app.onError");
		assertThat(error.status()).isEqualTo(404);
		assertThat(error.body()).startsWith("app.onError({\"responseStatus\":");
	}

	@Test
	void aCallbackThatIsNotAFunctionNameIsRefused() {
		ApiResponse response = admin().get("/reports?callback=" + encode("alert(document.cookie)//"));
		assertThat(response.status()).isEqualTo(400);
		assertErrorShape(response, "InvalidCallback");
	}

	@Test
	void requestDtoFromAFormBody() {
		ApiResponse response = admin().send("POST", "/reports/billing", "application/x-www-form-urlencoded",
				"accountId=" + this.account + "&startDate=2026-07-01&endDate=2026-07-31&includeCustomerIds=true");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().get("includeCustomerIds").asBoolean()).isTrue();
	}

	@Test
	void requestDtoFromTheQueryStringOnAnyVerb() {
		String query = "?accountId=" + this.account + "&startDate=2026-07-01&endDate=2026-07-31";
		ApiResponse post = admin().send("POST", "/reports/billing" + query, null, (byte[]) null);
		assertThat(post.status()).as(post.body()).isEqualTo(200);
		ApiResponse get = admin().get("/reports/billing" + query + "&includeCustomerIds=true");
		assertThat(get.status()).as(get.body()).isEqualTo(200);
		assertThat(get.json().get("includeCustomerIds").asBoolean()).isTrue();
		assertThat(get.json().get("startDate").asString()).isEqualTo("2026-07-01");
	}

	@Test
	void jsonBodyWinsOverTheQueryString() {
		ApiResponse response = admin().post("/reports/billing?endDate=2026-07-02", request());
		assertThat(response.json().get("endDate").asString()).isEqualTo("2026-07-31");
	}

	@Test
	void jsonReplyRouteIsAnAlias() {
		ApiResponse response = admin().post("/json/reply/BillingReport", request());
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().get("accountId").asString()).isEqualTo(this.account);
	}

	@Test
	void malformedJsonIsA400() {
		ApiResponse response = admin().send("POST", "/reports/billing", "application/json", "{\"accountId\": ");
		assertThat(response.status()).isEqualTo(400);
		assertErrorShape(response, "SerializationException");
		ApiResponse array = admin().send("POST", "/reports/billing", "application/json", "[1,2]");
		assertThat(array.status()).isEqualTo(400);
		assertErrorShape(array, "SerializationException");
	}

	@Test
	void wrongTypesNameTheField() {
		Map<String, Object> request = request();
		request.put("includeCustomerIds", "maybe");
		assertFieldError(admin().post("/reports/billing", request), "includeCustomerIds", "InvalidValue");
		Map<String, Object> nested = request();
		nested.put("accountId", Map.of("id", 1));
		assertFieldError(admin().post("/reports/billing", nested), "accountId", "InvalidValue");
		ApiResponse take = admin().get("/reports?take=many");
		assertFieldError(take, "take", "InvalidValue");
	}

	@Test
	void unsupportedContentTypeIsA415() {
		ApiResponse response = admin().send("POST", "/reports/billing", "text/plain", "accountId=x");
		assertThat(response.status()).isEqualTo(415);
		assertErrorShape(response, "UnsupportedMediaType");
	}

	@Test
	void unknownRoutesAreA404() {
		ApiResponse response = admin().get("/no/such/route");
		assertThat(response.status()).isEqualTo(404);
		assertErrorShape(response, "NotFound");
		assertErrorShape(admin().get("/reports/" + unique("missing")), "NotFound");
	}

	@Test
	void unsupportedVerbsAreA405() {
		ApiResponse response = admin().send("DELETE", "/accounts", null, (byte[]) null);
		assertThat(response.status()).isEqualTo(405);
		assertErrorShape(response, "MethodNotAllowed");
		assertThat(response.header("Allow")).contains("GET", "POST");
	}

	@Test
	void missingOrWrongCredentialsAreA401() {
		ApiResponse anonymous = anonymous().get("/reports");
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.header("WWW-Authenticate")).startsWith("Basic");
		assertErrorShape(anonymous, "Unauthorized");
		ApiResponse wrong = anonymous().as(ADMIN, "wrong").post("/reports/billing", request());
		assertThat(wrong.status()).isEqualTo(401);
		assertErrorShape(wrong, "Unauthorized");
	}

	static Stream<Arguments> invalidRequests() {
		return Stream.of(
				Arguments.of("accountId missing", Map.of("accountId", ""), "accountId", "NotEmpty"),
				Arguments.of("accountId unknown", Map.of("accountId", "no-such-account"), "accountId", "NotFound"),
				Arguments.of("startDate missing", Map.of("startDate", ""), "startDate", "NotEmpty"),
				Arguments.of("startDate malformed", Map.of("startDate", "07/01/2026"), "startDate", "InvalidDate"),
				Arguments.of("startDate impossible", Map.of("startDate", "2026-02-30"), "startDate", "InvalidDate"),
				Arguments.of("endDate missing", Map.of("endDate", " "), "endDate", "NotEmpty"),
				Arguments.of("endDate malformed", Map.of("endDate", "tomorrow"), "endDate", "InvalidDate"),
				Arguments.of("endDate before startDate", Map.of("endDate", "2026-06-30"), "endDate",
						"GreaterThanOrEqual"),
				Arguments.of("date-time end before start", Map.of("startDate", "2026-07-01T10:00:00Z", "endDate",
						"2026-07-01T09:00:00Z"), "endDate", "GreaterThanOrEqual"),
				Arguments.of("period of 367 days", Map.of("startDate", "2025-01-01", "endDate", "2026-01-02"),
						"endDate", "InclusiveBetween"),
				Arguments.of("email not an address", Map.of("emailAddressToNotify", "ops-at-example"),
						"emailAddressToNotify", "Email"),
				Arguments.of("webhook not http", Map.of("webhookUrl", "ftp://hooks.example.com/x"), "webhookUrl",
						"InvalidUrl"),
				Arguments.of("webhook relative", Map.of("webhookUrl", "/hooks/billing"), "webhookUrl", "InvalidUrl"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidRequests")
	void eachValidationRuleIsA400NamingTheField(String rule, Map<String, Object> changes, String field,
			String errorCode) {
		Map<String, Object> request = request();
		request.putAll(changes);
		assertFieldError(admin().post("/reports/billing", request), field, errorCode);
	}

	@Test
	void everyFaultyFieldIsNamedAtOnce() {
		ApiResponse response = admin().post("/reports/billing",
				Map.of("emailAddressToNotify", "nope", "webhookUrl", "mailto:x@example.com"));
		assertThat(response.status()).isEqualTo(400);
		List<String> fields = response.json().get("responseStatus").get("errors").valueStream()
			.map(error -> error.get("fieldName").asString())
			.toList();
		assertThat(fields).containsExactlyInAnyOrder("accountId", "startDate", "endDate", "emailAddressToNotify",
				"webhookUrl");
	}

	@Test
	void aPeriodOf366DaysIsAccepted() {
		Map<String, Object> request = request();
		request.put("startDate", "2024-01-01");
		request.put("endDate", "2024-12-31");
		assertThat(admin().post("/reports/billing", request).status()).isEqualTo(200);
	}

	static void assertErrorShape(ApiResponse response, String errorCode) {
		assertThat(response.header("Content-Type")).as(response.body()).contains("json");
		JsonNode status = response.json().get("responseStatus");
		assertThat(status).as(response.body()).isNotNull();
		assertThat(status.get("errorCode").asString()).isEqualTo(errorCode);
		assertThat(status.get("message").asString()).isNotBlank();
		assertThat(status.get("errors").isArray()).isTrue();
	}

	static void assertFieldError(ApiResponse response, String field, String errorCode) {
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertErrorShape(response, errorCode);
		JsonNode error = response.json().get("responseStatus").get("errors").get(0);
		assertThat(error.get("fieldName").asString()).isEqualTo(field);
		assertThat(error.get("errorCode").asString()).isEqualTo(errorCode);
		assertThat(error.get("message").asString()).isNotBlank();
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

}
