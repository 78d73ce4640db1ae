package org.billingreports.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.billingreports.support.Api;
import org.billingreports.support.ApiResponse;
import org.billingreports.support.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route, as every kind of caller: the status each must get, and that no answer carries another
 * tenant's data (beyond what the caller itself sent). Reading another tenant's record answers 404;
 * acting on it, 403.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenancyMatrixTest extends ApiTestSupport {

	/** The callers, in the order of each route's expected statuses. */
	static final List<String> CALLERS = List.of("anonymous", "wrong password", "SystemAdministrator",
			"Manager of A", "Manager of B", "Customer P", "Customer S");

	record Request(String method, String path, String contentType, String body) {

		static Request get(String path) {
			return new Request("GET", path, null, null);
		}

		static Request delete(String path) {
			return new Request("DELETE", path, null, null);
		}

		static Request json(String method, String path, Map<String, Object> body) {
			return new Request(method, path, "application/json",
					Api.JSON.writeValueAsString(body));
		}

	}

	record Route(String name, Function<Tenants, Request> request, int... expected) {
	}

	private final AtomicInteger sequence = new AtomicInteger();

	private Tenants t;

	@BeforeAll
	void createTenants() {
		this.t = new Tenants(admin(), unique("ten")).create();
	}

	private List<Route> routes() {
		return List.of(
				new Route("GET /accounts", t -> Request.get("/accounts"), 401, 401, 200, 200, 200, 200, 200),
				new Route("GET /accounts/{A}", t -> Request.get("/accounts/" + t.accountA), 401, 401, 200, 200, 404,
						404, 404),
				new Route("POST /accounts", t -> Request.json("POST", "/accounts", Map.of("name", "New")), 401, 401,
						200, 403, 403, 403, 403),
				new Route("PUT /accounts/{A}", t -> Request.json("PUT", "/accounts/" + t.accountA,
						Map.of("name", "Account " + t.accountA)), 401, 401, 200, 403, 403, 403, 403),
				new Route("GET /customers?accountId=A", t -> Request.get("/customers?accountId=" + t.accountA), 401,
						401, 200, 200, 404, 200, 200),
				new Route("GET /customers/{PC}", t -> Request.get("/customers/" + t.customerPC), 401, 401, 200, 200,
						404, 200, 404),
				new Route("POST /customers", t -> Request.json("POST", "/customers",
						Map.of("accountId", t.accountA, "id", t.p + "-new" + this.sequence.incrementAndGet(), "name",
								"New customer")), 401, 401, 200, 200, 403, 403, 403),
				new Route("PUT /customers/{S}", t -> Request.json("PUT", "/customers/" + t.customerS,
						Map.of("accountId", t.accountA, "name", "Sibling " + t.p)), 401, 401, 200, 200, 403, 403, 403),
				new Route("GET /phone-numbers?accountId=A", t -> Request.get("/phone-numbers?accountId=" + t.accountA),
						401, 401, 200, 200, 404, 200, 200),
				new Route("POST /phone-numbers", t -> Request.json("POST", "/phone-numbers", Map.of("accountId",
						t.accountA, "customerId", t.customerP, "number", freshNumber())), 401, 401, 200, 200, 403,
						403, 403),
				new Route("DELETE /phone-numbers/{A's}", t -> Request.delete("/phone-numbers/" + numberOfA(t)), 401,
						401, 204, 204, 403, 403, 403),
				new Route("POST /calls/import", t -> new Request("POST", "/calls/import?accountId=" + t.accountA,
						"text/csv", "callId,customerId,channel,direction,startTime,status\nm"
								+ this.sequence.incrementAndGet() + "," + t.customerS
								+ ",sms,inbound,2026-08-01T00:00:00Z,completed\n"),
						401, 401, 200, 200, 403, 403, 403),
				new Route("GET /calls/imports/{A's}", t -> Request.get("/calls/imports/" + t.importOfA), 401, 401, 200,
						200, 404, 404, 404),
				new Route("GET /calls/imports", t -> Request.get("/calls/imports"), 401, 401, 200, 200, 200, 403, 403),
				new Route("GET /calls/imports?accountId=A", t -> Request.get("/calls/imports?accountId=" + t.accountA),
						401, 401, 200, 200, 404, 404, 404),
				new Route("GET /calls/imports/{A's}/rejections.csv",
						t -> Request.get("/calls/imports/" + t.importOfA + "/rejections.csv"), 401, 401, 200, 200, 404,
						404, 404),
				new Route("POST /calls/imports/{A's}/restart",
						t -> new Request("POST", "/calls/imports/" + t.importOfA + "/restart", null, null), 401, 401,
						409, 409, 404, 404, 404),
				new Route("POST /rate-decks?accountId=A", t -> new Request("POST", "/rate-decks?accountId=" + t.accountA
						+ "&name=Matrix" + this.sequence.incrementAndGet(), "text/csv", Tenants.DECK), 401, 401, 200, 200,
						403, 403, 403),
				new Route("GET /rate-decks?accountId=A", t -> Request.get("/rate-decks?accountId=" + t.accountA), 401,
						401, 200, 200, 404, 403, 403),
				new Route("GET /rate-decks/{A's}", t -> Request.get("/rate-decks/" + t.deckOfA), 401, 401, 200, 200, 404,
						403, 403),
				new Route("GET /rate-decks/{A's}/rates.csv", t -> Request.get("/rate-decks/" + t.deckOfA + "/rates.csv"),
						401, 401, 200, 200, 404, 403, 403),
				new Route("POST /reports/billing", t -> Request.json("POST", "/reports/billing", Map.of("accountId",
						t.accountA, "startDate", "2026-07-01", "endDate", "2026-07-31")), 401, 401, 200, 200, 403, 200,
						200),
				new Route("GET /reports", t -> Request.get("/reports"), 401, 401, 200, 200, 200, 200, 200),
				new Route("GET /reports?accountId=A", t -> Request.get("/reports?accountId=" + t.accountA), 401, 401,
						200, 200, 404, 200, 200),
				new Route("GET /reports/{admin's}", t -> Request.get("/reports/" + t.reportOfAdmin), 401, 401, 200,
						200, 404, 404, 404),
				new Route("GET /reports/{Customer P's}", t -> Request.get("/reports/" + t.reportOfCustomerP), 401,
						401, 200, 200, 404, 200, 404),
				new Route("GET /reports/{admin's}.csv", t -> Request.get("/reports/" + t.reportOfAdmin + ".csv"), 401,
						401, 200, 200, 404, 404, 404),
				new Route("GET /reports/{Customer P's}.csv",
						t -> Request.get("/reports/" + t.reportOfCustomerP + ".csv"), 401, 401, 200, 200, 404, 200,
						404),
				new Route("POST /reports/{admin's}/restart",
						t -> new Request("POST", "/reports/" + t.reportOfAdmin + "/restart", null, null), 401, 401, 409,
						409, 403, 403, 403),
				new Route("POST /reports/{Customer P's}/restart",
						t -> new Request("POST", "/reports/" + t.reportOfCustomerP + "/restart", null, null), 401, 401,
						409, 409, 403, 409, 403),
				new Route("POST /reports/{admin's}/stop",
						t -> new Request("POST", "/reports/" + t.reportOfAdmin + "/stop", null, null), 401, 401, 409, 409,
						403, 403, 403),
				new Route("GET /users", t -> Request.get("/users"), 401, 401, 200, 200, 200, 403, 403),
				new Route("POST /users (Customer)", t -> Request.json("POST", "/users", user("Customer", t.accountA,
						t.customerS)), 401, 401, 200, 200, 403, 403, 403),
				new Route("POST /users (SystemAdministrator)", t -> Request.json("POST", "/users",
						user("SystemAdministrator", null, null)), 401, 401, 200, 403, 403, 403, 403),
				new Route("DELETE /users/{A's}", t -> Request.delete("/users/" + userOfA(t)), 401, 401, 204, 204, 403,
						403, 403),
				new Route("POST /users/{Customer P}/api-keys",
						t -> new Request("POST", "/users/" + t.userId("customerP") + "/api-keys", null, null), 401, 401,
						200, 200, 403, 200, 403),
				new Route("GET /users/{Customer P}/api-keys",
						t -> Request.get("/users/" + t.userId("customerP") + "/api-keys"), 401, 401, 200, 200, 404,
						200, 404));
	}

	@Test
	void everyRouteAnswersEveryCallerAsItShould() {
		List<String> wrong = new ArrayList<>();
		for (Route route : routes()) {
			for (int i = 0; i < CALLERS.size(); i++) {
				Request request = route.request().apply(this.t);
				ApiResponse response = caller(i).send(request.method(), request.path(), request.contentType(),
						request.body());
				if (response.status() != route.expected()[i]) {
					wrong.add(route.name() + " as " + CALLERS.get(i) + ": expected " + route.expected()[i] + ", got "
							+ response);
				}
				for (String marker : forbidden(i)) {
					boolean sent = request.path().contains(marker)
							|| (request.body() != null && request.body().contains(marker));
					if (!sent && response.body().contains(marker)) {
						wrong.add(route.name() + " as " + CALLERS.get(i) + " leaks '" + marker + "': " + response);
					}
				}
			}
		}
		assertThat(wrong).isEmpty();
	}

	/** What each caller must never be shown. */
	private List<String> forbidden(int caller) {
		return switch (CALLERS.get(caller)) {
			case "Manager of B" -> this.t.markersOfA();
			case "Manager of A" -> this.t.markersOfB();
			case "Customer P" -> concat(this.t.markersOfB(), this.t.markersOfS());
			case "Customer S" -> concat(this.t.markersOfB(), this.t.markersOfP());
			default -> List.of();
		};
	}

	private Api caller(int index) {
		return switch (CALLERS.get(index)) {
			case "anonymous" -> anonymous();
			case "wrong password" -> anonymous().as(ADMIN, "not-the-password");
			case "SystemAdministrator" -> admin();
			case "Manager of A" -> this.t.as("managerA");
			case "Manager of B" -> this.t.as("managerB");
			case "Customer P" -> this.t.as("customerP");
			case "Customer S" -> this.t.as("customerS");
			default -> throw new IllegalArgumentException(CALLERS.get(index));
		};
	}

	private Map<String, Object> user(String role, String accountId, String customerId) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("username", this.t.p + "-u" + this.sequence.incrementAndGet());
		body.put("password", "a-long-enough-password");
		body.put("role", role);
		body.put("accountId", accountId);
		body.put("customerId", customerId);
		return body;
	}

	/** A phone number of account A, made for one call that deletes it. */
	private String numberOfA(Tenants t) {
		String number = freshNumber();
		admin().post("/phone-numbers", Map.of("accountId", t.accountA, "customerId", t.customerS, "number", number));
		return number;
	}

	/** A Customer user of account A, made for one call that deletes it. */
	private String userOfA(Tenants t) {
		return admin().post("/users", user("Customer", t.accountA, t.customerS)).json().get("id").asString();
	}

	private String freshNumber() {
		return "+1999" + String.format("%07d", (this.t.p.hashCode() & 0xFFFF) * 100 + this.sequence.incrementAndGet());
	}

	private static List<String> concat(List<String> a, List<String> b) {
		List<String> both = new ArrayList<>(a);
		both.addAll(b);
		return both;
	}

}
