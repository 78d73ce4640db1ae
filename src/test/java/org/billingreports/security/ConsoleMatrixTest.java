package org.billingreports.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
import org.billingreports.support.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every console page and form, as every kind of caller signed in with the console's own form (session
 * cookies, as a browser): the status each must get, and that no page shows another tenant's data. A
 * caller without a session is sent to the sign-in form, which comes back to the page; reading another
 * tenant's record answers 404, acting on it 403, as in the API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleMatrixTest extends ApiTestSupport {

	static final List<String> CALLERS = List.of("anonymous", "SystemAdministrator", "Manager of A", "Manager of B",
			"Customer P", "Customer S");

	record Page(String method, String path, String form) {

		static Page get(String path) {
			return new Page("GET", path, null);
		}

		static Page post(String path, String form) {
			return new Page("POST", path, form);
		}

	}

	record Route(String name, Function<Tenants, Page> page, int... expected) {
	}

	private Tenants t;

	private final AtomicInteger sequence = new AtomicInteger();

	private final Map<String, String> sessions = new LinkedHashMap<>();

	@BeforeAll
	void createTenantsAndSignIn() {
		this.t = new Tenants(admin(), unique("con")).create();
		this.sessions.put("SystemAdministrator", signIn(ADMIN, ADMIN_PASSWORD));
		this.sessions.put("Manager of A", signIn(this.t.p + "-managerA", Tenants.PASSWORD));
		this.sessions.put("Manager of B", signIn(this.t.p + "-managerB", Tenants.PASSWORD));
		this.sessions.put("Customer P", signIn(this.t.p + "-customerP", Tenants.PASSWORD));
		this.sessions.put("Customer S", signIn(this.t.p + "-customerS", Tenants.PASSWORD));
	}

	private List<Route> routes() {
		return List.of(new Route("GET /", t -> Page.get("/"), 302, 302, 302, 302, 302, 302),
				new Route("overview", t -> Page.get("/console"), 302, 200, 200, 200, 200, 200),
				new Route("reports", t -> Page.get("/console/reports"), 302, 200, 200, 200, 200, 200),
				new Route("reports of A", t -> Page.get("/console/reports?accountId=" + t.accountA), 302, 200, 200,
						404, 200, 200),
				new Route("reports, bad filter", t -> Page.get("/console/reports?status=Done&from=yesterday"), 302,
						400, 400, 400, 400, 400),
				new Route("new report form", t -> Page.get("/console/reports/new"), 302, 200, 200, 200, 200, 200),
				new Route("run a report of A", t -> Page.post("/console/reports",
						"accountId=" + t.accountA + "&startDate=2026-07-01&endDate=2026-07-31"), 302, 302, 302, 403,
						302, 302),
				new Route("run a report, end before start", t -> Page.post("/console/reports",
						"accountId=" + t.accountA + "&startDate=2026-07-31&endDate=2026-07-01"), 302, 400, 400, 403,
						400, 400),
				new Route("admin's report of A", t -> Page.get("/console/reports/" + t.reportOfAdmin), 302, 200, 200,
						404, 404, 404),
				new Route("Customer P's report", t -> Page.get("/console/reports/" + t.reportOfCustomerP), 302, 200,
						200, 404, 200, 404),
				new Route("live part of admin's report", t -> Page.get("/console/reports/" + t.reportOfAdmin + "/live"),
						302, 200, 200, 404, 404, 404),
				new Route("charts of Customer P's report",
						t -> Page.get("/console/reports/" + t.reportOfCustomerP + "/charts"), 302, 200, 200, 404, 200,
						404),
				new Route("restart admin's (completed) report",
						t -> Page.post("/console/reports/" + t.reportOfAdmin + "/restart", ""), 302, 409, 409, 403, 403,
						403),
				new Route("stop admin's (completed) report",
						t -> Page.post("/console/reports/" + t.reportOfAdmin + "/stop", ""), 302, 409, 409, 403, 403,
						403),
				new Route("delete a report of B", t -> Page.post("/console/reports/" + reportOf(t.accountB) + "/delete",
						""), 302, 302, 403, 302, 403, 403),
				new Route("send a notification of admin's report again (it has none)",
						t -> Page.post("/console/reports/" + t.reportOfAdmin + "/notifications/none/resend", ""), 302, 404,
						404, 403, 403, 403),
				new Route("upload to A without a file", t -> Page.post("/console/imports", "accountId=" + t.accountA
						+ "&format=native"), 302, 400, 400, 403, 403, 403),
				new Route("imports", t -> Page.get("/console/imports"), 302, 200, 200, 200, 403, 403),
				new Route("imports of A", t -> Page.get("/console/imports?accountId=" + t.accountA), 302, 200, 200, 404,
						404, 404),
				new Route("import of A", t -> Page.get("/console/imports/" + t.importOfA), 302, 200, 200, 404, 404,
						404),
				new Route("import form", t -> Page.get("/console/imports/new"), 302, 200, 200, 200, 403, 403),
				new Route("restart import of A (completed)",
						t -> Page.post("/console/imports/" + t.importOfA + "/restart", ""), 302, 409, 409, 404, 404, 404),
				new Route("accounts", t -> Page.get("/console/accounts"), 302, 200, 200, 200, 403, 403),
				new Route("account A", t -> Page.get("/console/accounts/" + t.accountA), 302, 200, 200, 404, 403, 403),
				new Route("edit form of account A", t -> Page.get("/console/accounts/" + t.accountA + "/edit"), 302,
						200, 403, 403, 403, 403),
				new Route("save account A, a time zone that does not exist", t -> Page.post("/console/accounts/"
						+ t.accountA, "name=Account+A&timeZoneId=Mars/Olympus&currency=USD&proration=none"), 302, 400, 403,
						403, 403, 403),
				new Route("edit form of customer PC", t -> Page.get("/console/customers/" + t.customerPC + "/edit"), 302,
						200, 200, 404, 403, 404),
				new Route("save customer S", t -> Page.post("/console/customers/" + t.customerS,
						"name=Sibling+" + t.p + "&parentCustomerId=&base.baseCost=0&base.allowance=0"), 302, 302, 302, 404,
						404, 403),
				new Route("save customer S, a price that is no number", t -> Page.post("/console/customers/"
						+ t.customerS, "name=Sibling+" + t.p + "&overrideBillingSettings=on&base.baseCost=ten"), 302, 400,
						400, 404, 404, 403),
				new Route("users", t -> Page.get("/console/users"), 302, 200, 200, 200, 403, 403),
				new Route("create a Customer user of A", t -> Page.post("/console/users", "username=" + t.p + "-web"
						+ this.sequence.incrementAndGet() + "&password=a-long-enough-password&role=Customer&accountId="
						+ t.accountA + "&customerId=" + t.customerS), 302, 302, 302, 403, 403, 403),
				new Route("delete a Customer user of A", t -> Page.post("/console/users/" + customerUserOfA(t) + "/delete",
						""), 302, 302, 302, 403, 403, 403),
				new Route("revoke a key of Customer P that does not exist",
						t -> Page.post("/console/users/" + t.userId("customerP") + "/api-keys/none/revoke", ""), 302, 404,
						404, 403, 404, 403),
				new Route("Customer P's API keys", t -> Page.get("/console/users/" + t.userId("customerP") + "/api-keys"),
						302, 200, 200, 404, 200, 404),
				new Route("a new API key for Customer P",
						t -> Page.post("/console/users/" + t.userId("customerP") + "/api-keys", "name=console"), 302, 200,
						200, 403, 200, 403),
				new Route("sign-in form", t -> Page.get("/console/login"), 200, 200, 200, 200, 200, 200),
				new Route("script", t -> Page.get("/console/assets/htmx-2.0.11.min.js"), 200, 200, 200, 200, 200,
						200));
	}

	@Test
	void everyPageAnswersEveryCallerAsItShould() {
		List<String> wrong = new ArrayList<>();
		for (Route route : routes()) {
			for (int i = 0; i < CALLERS.size(); i++) {
				Page page = route.page().apply(this.t);
				ApiResponse response = send(CALLERS.get(i), page);
				if (response.status() != route.expected()[i]) {
					wrong.add(route.name() + " as " + CALLERS.get(i) + ": expected " + route.expected()[i] + ", got "
							+ response.status() + " " + abbreviated(response.body()));
				}
				if (i == 0 && response.status() == 302 && page.path().startsWith("/console")) {
					String signIn = "/console/login?next=" + URLEncoder.encode(page.path(), StandardCharsets.UTF_8);
					if (!response.header("Location").endsWith(signIn)) {
						wrong.add(route.name() + " as anonymous goes to " + response.header("Location"));
					}
				}
				for (String marker : forbidden(CALLERS.get(i))) {
					boolean sent = page.path().contains(marker) || (page.form() != null && page.form().contains(marker));
					if (!sent && response.body().contains(marker)) {
						wrong.add(route.name() + " as " + CALLERS.get(i) + " shows '" + marker + "'");
					}
				}
			}
		}
		assertThat(wrong).isEmpty();
	}

	@Test
	void anAccountsPageSaysWhosePricesEachCustomerPays() {
		String page = send("Manager of A", Page.get("/console/accounts/" + this.t.accountA)).body();
		assertThat(page).containsPattern("Parent " + this.t.p + "</span></td>\\s*<td>" + this.t.customerP
				+ "</td><td></td>\\s*<td>the account&#39;s</td>");
		assertThat(page).containsPattern("Child " + this.t.p + "</span></td>\\s*<td>" + this.t.customerPC
				+ "</td><td></td>\\s*<td>its own</td>");
	}

	@Test
	void aListsLivePartIsTheListAloneAndAsksForItselfAgain() {
		Map<String, String> headers = Map.of("Cookie", this.sessions.get("Manager of A"), "HX-Request", "true");
		String path = "/console/reports?accountId=" + this.t.accountA + "&sort=name";
		ApiResponse part = anonymous().exchange("GET", path, headers, null);
		assertThat(part.status()).isEqualTo(200);
		assertThat(part.body().strip()).startsWith("<div id=\"results\" hx-get=\"" + path.replace("&", "&amp;") + "\"")
			.doesNotContain("<html");
		assertThat(part.body()).contains(this.t.reportOfAdmin);
	}

	@Test
	void aWrongPasswordStaysOnTheFormWithTheReasonAndNoSession() {
		ApiResponse refused = anonymous().exchange("POST", "/console/login",
				Map.of("Content-Type", "application/x-www-form-urlencoded"),
				("userName=" + ADMIN + "&password=wrong&next=/console/reports").getBytes(StandardCharsets.UTF_8));
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.body()).contains("Invalid Username or Password").contains("value=\"/console/reports\"");
		assertThat(refused.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("ss-id="));
	}

	@Test
	void theSignInFormGoesBackOnlyToAConsolePage() {
		for (String next : List.of("https://evil.example/", "//evil.example/console", "/reports/x.csv")) {
			ApiResponse signedIn = anonymous().exchange("POST", "/console/login",
					Map.of("Content-Type", "application/x-www-form-urlencoded"),
					("userName=" + ADMIN + "&password=" + ADMIN_PASSWORD + "&next="
							+ URLEncoder.encode(next, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
			assertThat(signedIn.status()).isEqualTo(302);
			assertThat(signedIn.header("Location")).as(next).endsWith("/console");
		}
	}

	@Test
	void signingOutEndsTheSession() {
		String session = signIn(ADMIN, ADMIN_PASSWORD);
		assertThat(send("SystemAdministrator", session, Page.get("/console")).status()).isEqualTo(200);
		assertThat(send("SystemAdministrator", session, Page.post("/console/logout", "")).status()).isEqualTo(302);
		assertThat(send("SystemAdministrator", session, Page.get("/console")).status()).isEqualTo(302);
	}

	/** What each caller must never be shown. */
	private List<String> forbidden(String caller) {
		List<String> markers = new ArrayList<>();
		switch (caller) {
			case "Manager of B" -> markers.addAll(this.t.markersOfA());
			case "Manager of A" -> markers.addAll(this.t.markersOfB());
			case "Customer P" -> {
				markers.addAll(this.t.markersOfB());
				markers.addAll(this.t.markersOfS());
				markers.add(this.t.reportOfAdmin);
			}
			case "Customer S" -> {
				markers.addAll(this.t.markersOfB());
				markers.addAll(this.t.markersOfP());
				markers.add(this.t.reportOfAdmin);
			}
			default -> {
			}
		}
		return markers;
	}

	private ApiResponse send(String caller, Page page) {
		return send(caller, this.sessions.get(caller), page);
	}

	private ApiResponse send(String caller, String session, Page page) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Accept", "text/html,application/xhtml+xml");
		if (session != null) {
			headers.put("Cookie", session);
		}
		if (page.form() != null) {
			headers.put("Content-Type", "application/x-www-form-urlencoded");
		}
		return anonymous().exchange(page.method(), page.path(), headers,
				(page.form() != null) ? page.form().getBytes(StandardCharsets.UTF_8) : null);
	}

	/** Signs in with the console's form: the session cookie a browser would keep. */
	private String signIn(String user, String password) {
		return anonymous().consoleSession(user, password);
	}

	/** A Customer user of account A, made for one request that deletes it. */
	private String customerUserOfA(Tenants t) {
		return admin().post("/users", Map.of("username", t.p + "-gone" + this.sequence.incrementAndGet(), "password",
				"a-long-enough-password", "role", "Customer", "accountId", t.accountA, "customerId", t.customerS))
			.json()
			.get("id")
			.asString();
	}

	/** A completed report of the account, made for one request that deletes it. */
	private String reportOf(String account) {
		return new Fixtures(admin())
			.runReport(Map.of("accountId", account, "startDate", "2026-07-01", "endDate", "2026-07-31"))
			.get("id")
			.asString();
	}

	private static String abbreviated(String body) {
		String text = body.replaceAll("\\s+", " ");
		int message = text.indexOf("error-message");
		return (message >= 0) ? text.substring(message, Math.min(text.length(), message + 200))
				: text.substring(0, Math.min(200, text.length()));
	}

}
