package org.billingreports.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.billingreports.support.Api;
import org.billingreports.support.ApiResponse;
import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hundreds of malformed requests to every write route: broken JSON, wrong types, huge strings,
 * control characters, SQL and script fragments, impossible dates, negative numbers, unknown enum
 * values, oversized bodies. Every answer is a 4xx in the ServiceStack shape, never a 500, and nothing
 * of them reaches the database.
 */
class HostileInputTest extends ApiTestSupport {

	private static final List<String> TABLES = List.of("account", "customer", "billing_item_setting", "phone_number",
			"call_import", "call_import_rejection", "call_record", "billing_report", "app_user", "api_key",
			"idempotency_key");

	private static final List<String> BROKEN_JSON = List.of("{", "{\"accountId\":", "[", "[1,2]", "null", "\"text\"",
			"42", "{'accountId':'x'}", "{\"accountId\":\"x\",}", "{\"a\":1}}", "\u0000\u0001", "{\"accountId\":\"\\u\"}",
			"<xml/>", "{\"accountId\":tru}");

	private static final List<Object> WRONG_TYPES = List.of(Map.of("nested", 1), List.of(1, 2), 12.5, true);

	private static final List<String> SQL = List.of("' OR '1'='1", "x'; DROP TABLE account; --",
			"1) UNION SELECT password_hash FROM app_user --");

	private static final List<String> SCRIPT = List.of("<script>alert(1)</script>", "javascript:alert(1)",
			"\"><img src=x onerror=alert(1)>");

	private static final String HUGE = "x".repeat(100_000);

	private static final String CONTROL = "bad\u0000\u0007\r\nname";

	@Autowired
	JdbcClient jdbc;

	record Case(String route, String method, String path, String contentType, byte[] body) {
	}

	@Test
	void malformedRequestsAreRefusedCleanlyAndStoreNothing() {
		Fixtures fixtures = new Fixtures(admin());
		String account = unique("fuzz");
		fixtures.account(account, "UTC", Map.of("base", Fixtures.item("1", "0", "0", 0)));
		fixtures.customer(account + "-c", account, null, "Fuzzed", null, null);
		String userId = admin().post("/users", Map.of("username", unique("fuzzer"), "password", "long-enough-password",
				"role", "Manager", "accountId", account)).json().get("id").asString();
		// An API key: checked in microseconds, where a password costs a bcrypt round per request.
		String adminId = admin().get("/users").json().get("users").valueStream()
			.filter(u -> u.get("username").asString().equals(ADMIN))
			.findFirst()
			.orElseThrow()
			.get("id")
			.asString();
		Api api = anonymous().withBearer(admin().post("/users/" + adminId + "/api-keys", Map.of("name", "fuzz"))
			.json()
			.get("key")
			.asString());
		String accountBefore = admin().get("/accounts/" + account).body();
		String customerBefore = admin().get("/customers/" + account + "-c").body();
		Map<String, Long> before = counts();

		List<Case> cases = cases(account, userId);
		assertThat(cases).hasSizeGreaterThanOrEqualTo(200);
		List<String> wrong = new ArrayList<>();
		for (Case c : cases) {
			ApiResponse response = api.send(c.method(), c.path(), c.contentType(), c.body());
			String problem = problem(response);
			if (problem != null) {
				wrong.add(c.route() + " " + c.path().substring(0, Math.min(80, c.path().length())) + " with "
						+ excerpt(c.body()) + ": " + problem);
			}
		}
		assertThat(wrong).isEmpty();
		assertThat(counts()).isEqualTo(before);
		assertThat(admin().get("/accounts/" + account).body()).isEqualTo(accountBefore);
		assertThat(admin().get("/customers/" + account + "-c").body()).isEqualTo(customerBefore);
	}

	private List<Case> cases(String account, String userId) {
		List<Case> cases = new ArrayList<>();
		Map<String, Object> report = map("accountId", account, "startDate", "2026-07-01", "endDate", "2026-07-31");
		Map<String, Object> newAccount = map("id", "fz" + System.nanoTime(), "name", "Fuzz account");
		Map<String, Object> changedAccount = map("name", "Renamed by fuzz");
		Map<String, Object> customer = map("accountId", account, "id", "fc" + System.nanoTime(), "name", "Fuzz");
		Map<String, Object> changedCustomer = map("accountId", account, "name", "Renamed by fuzz");
		Map<String, Object> number = map("accountId", account, "customerId", account + "-c", "number", "+15550009999");
		Map<String, Object> user = map("username", "fz" + System.nanoTime(), "password", "long-enough-password", "role",
				"Customer", "accountId", account, "customerId", account + "-c");
		jsonRoute(cases, "POST /reports/billing", "POST", "/reports/billing", report,
				List.of("accountId", "startDate", "endDate"), List.of("emailAddressToNotify", "webhookUrl"));
		jsonRoute(cases, "POST /json/reply/BillingReport", "POST", "/json/reply/BillingReport", report,
				List.of("startDate"), List.of());
		jsonRoute(cases, "POST /accounts", "POST", "/accounts", newAccount, List.of("id", "timeZoneId", "currency"),
				List.of("name"));
		jsonRoute(cases, "PUT /accounts/{id}", "PUT", "/accounts/" + account, changedAccount,
				List.of("timeZoneId", "currency"), List.of("name"));
		jsonRoute(cases, "POST /customers", "POST", "/customers", customer, List.of("accountId", "id",
				"parentCustomerId"), List.of("name", "referenceId"));
		jsonRoute(cases, "PUT /customers/{id}", "PUT", "/customers/" + account + "-c", changedCustomer,
				List.of("accountId", "parentCustomerId"), List.of("name"));
		jsonRoute(cases, "POST /phone-numbers", "POST", "/phone-numbers", number,
				List.of("accountId", "customerId", "number"), List.of());
		jsonRoute(cases, "POST /users", "POST", "/users", user, List.of("username", "role", "accountId", "customerId"),
				List.of("password"));
		// Impossible dates and periods.
		for (String date : List.of("2026-13-01", "2026-02-30", "yesterday", "01/07/2026", "2026-07-01T25:00:00",
				"+999999999-01-01", "2026-07-01T10:00:00+25:00")) {
			cases.add(json("POST /reports/billing", "POST", "/reports/billing", with(report, "startDate", date)));
		}
		cases.add(json("POST /reports/billing", "POST", "/reports/billing", with(report, "endDate", "2028-01-01")));
		// Negative, oversized, over-precise prices; fractional allowances.
		for (Object value : List.of(-1, -0.01, "NaN", "1e400", "12345678901234567890", "0.00000000001")) {
			cases.add(json("POST /accounts", "POST", "/accounts", with(newAccount, "billingSettings",
					Map.of("base", Map.of("baseCost", value)))));
		}
		for (Object value : List.of(-1, 1.5, "NaN", "1e400", "many")) {
			cases.add(json("POST /accounts", "POST", "/accounts", with(newAccount, "billingSettings",
					Map.of("inboundFaxes", Map.of("allowance", value)))));
		}
		// Unknown enum values.
		for (String role : List.of("Root", "", "systemadministrator ", "ADMIN")) {
			cases.add(json("POST /users", "POST", "/users", with(user, "role", role)));
		}
		for (String status : List.of("Done", "1", "'--")) {
			cases.add(new Case("GET /reports", "GET", "/reports?status=" + status, null, null));
		}
		// Oversized bodies.
		byte[] oversized = ("{\"name\":\"" + "y".repeat(2_000_000) + "\"}").getBytes(StandardCharsets.UTF_8);
		for (String path : List.of("/reports/billing", "/accounts", "/customers", "/phone-numbers", "/users")) {
			cases.add(new Case("oversized " + path, "POST", path, "application/json", oversized));
		}
		// Imports: bad parameters or files; nothing may be stored.
		String csv = "callId,customerId,channel,direction,startTime,status\nz1," + account
				+ "-c,sms,inbound,2026-07-01T00:00:00Z,completed\n";
		for (String query : List.of("", "?accountId=", "?accountId=" + SQL.get(1), "?accountId=nobody",
				"?accountId=" + account + "&format=" + SCRIPT.get(0), "?accountId=" + account + "&format=excel",
				"?accountId=" + account + "&timeZoneId=Mars/Base", "?accountId=" + account + "&timeZoneId=" + SQL.get(0),
				"?accountId=" + account + "&defaultCustomerId=" + SQL.get(1),
				"?accountId=" + account + "&format=asterisk&defaultCustomerId=nobody")) {
			cases.add(new Case("POST /calls/import", "POST", "/calls/import" + encodeQuery(query), "text/csv",
					csv.getBytes(StandardCharsets.UTF_8)));
		}
		for (String file : List.of("", "\n\n", "not,a,header\n1,2,3", "\u0000\u0001\u0002", HUGE, SQL.get(1),
				"\"unclosed,header\n")) {
			cases.add(new Case("POST /calls/import", "POST", "/calls/import?accountId=" + account, "text/csv",
					file.getBytes(StandardCharsets.UTF_8)));
		}
		// Ids in paths that are no ids.
		for (String id : List.of("%27%20OR%201%3D1", "..%2F..%2Fetc%2Fpasswd", "%3Cscript%3E", "x".repeat(2000),
				"%00")) {
			cases.add(new Case("DELETE /users/{id}", "DELETE", "/users/" + id, null, null));
			cases.add(new Case("POST /users/{id}/api-keys", "POST", "/users/" + id + "/api-keys", null, null));
			cases.add(new Case("POST /reports/{id}/restart", "POST", "/reports/" + id + "/restart", null, null));
			cases.add(new Case("POST /calls/imports/{id}/restart", "POST", "/calls/imports/" + id + "/restart", null,
					null));
			cases.add(new Case("DELETE /phone-numbers/{n}", "DELETE", "/phone-numbers/" + id, null, null));
			cases.add(new Case("PUT /customers/{id}", "PUT", "/customers/" + id, "application/json",
					bytes(changedCustomer)));
		}
		cases.add(json("POST /users/{id}/api-keys", "POST", "/users/" + userId + "/api-keys", map("name", HUGE)));
		cases.add(json("POST /users/{id}/api-keys", "POST", "/users/" + userId + "/api-keys", map("name", 12)));
		return cases;
	}

	/** Broken JSON, then each id-like field and each text field spoiled in every way. */
	private void jsonRoute(List<Case> cases, String route, String method, String path, Map<String, Object> valid,
			List<String> formattedFields, List<String> textFields) {
		for (String broken : BROKEN_JSON) {
			cases.add(new Case(route, method, path, "application/json", broken.getBytes(StandardCharsets.UTF_8)));
		}
		if (!path.startsWith("/json/")) {
			// ServiceStack's pre-defined routes read a body as JSON whatever its type (its JSON client
			// posts text/plain there): only the REST routes refuse it.
			cases.add(new Case(route, method, path, "text/plain", bytes(valid)));
		}
		for (String field : concat(formattedFields, textFields)) {
			for (Object value : WRONG_TYPES) {
				cases.add(json(route, method, path, with(valid, field, value)));
			}
			cases.add(json(route, method, path, with(valid, field, HUGE)));
		}
		for (String field : formattedFields) {
			for (String value : concat(SQL, SCRIPT)) {
				cases.add(json(route, method, path, with(valid, field, value)));
			}
			cases.add(json(route, method, path, with(valid, field, CONTROL)));
		}
		for (String field : textFields) {
			cases.add(json(route, method, path, with(valid, field, CONTROL)));
		}
	}

	/** @return what is wrong with the answer, or {@code null} if it is a clean 4xx */
	private static String problem(ApiResponse response) {
		if (response.status() < 400 || response.status() >= 500) {
			return "status " + response.status() + " " + excerpt(response.body().getBytes(StandardCharsets.UTF_8));
		}
		try {
			JsonNode status = response.json().get("responseStatus");
			if (status == null || status.get("errorCode").asString().isBlank()
					|| status.get("message").asString().isBlank() || !status.get("errors").isArray()) {
				return "not the error shape: " + response;
			}
			return null;
		}
		catch (RuntimeException ex) {
			return "not JSON: " + response.status() + " " + excerpt(response.body().getBytes(StandardCharsets.UTF_8));
		}
	}

	private Map<String, Long> counts() {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (String table : TABLES) {
			counts.put(table, this.jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single());
		}
		return counts;
	}

	private static Case json(String route, String method, String path, Map<String, Object> body) {
		return new Case(route, method, path, "application/json", bytes(body));
	}

	private static byte[] bytes(Map<String, Object> body) {
		return Api.JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
	}

	private static Map<String, Object> with(Map<String, Object> base, String field, Object value) {
		Map<String, Object> changed = new LinkedHashMap<>(base);
		changed.put(field, value);
		return changed;
	}

	private static Map<String, Object> map(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

	private static <T> List<T> concat(List<? extends T> a, List<? extends T> b) {
		List<T> both = new ArrayList<>(a);
		both.addAll(b);
		return both;
	}

	private static String encodeQuery(String query) {
		return query.replace(" ", "%20").replace("'", "%27").replace(";", "%3B").replace("<", "%3C").replace(">",
				"%3E").replace("\"", "%22").replace("(", "%28").replace(")", "%29");
	}

	private static String excerpt(byte[] body) {
		if (body == null) {
			return "no body";
		}
		String text = new String(body, StandardCharsets.UTF_8);
		return (text.length() > 60) ? text.substring(0, 60) + "…" : text;
	}

}
