package org.billingreports.servicestack;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.billingreports.support.Api;
import org.billingreports.support.ApiResponse;
import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Cookies;
import org.billingreports.support.Fixtures;
import org.billingreports.support.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingreports.support.Fixtures.ok;

/**
 * Session sign-in as ServiceStack clients do it: the routes and shapes, the cookies, how sessions end
 * (sign-out, idle time, lifetime, a deleted user, a changed password), what is refused (tampered,
 * foreign and cross-site cookies, too many failures), and API keys sent ServiceStack's ways.
 */
@Import(ManualClock.Configuration.class)
class SessionsTest extends ApiTestSupport {

	private static final String PASSWORD = "session-password-1";

	@Autowired
	private ManualClock clock;

	@Autowired
	private JdbcClient jdbc;

	private String account;

	private String user;

	private String userId;

	@BeforeEach
	void setUp() {
		this.account = unique("sess");
		new Fixtures(admin()).account(this.account, "UTC", Map.of());
		this.user = unique("user");
		this.userId = ok(admin().post("/users",
				Map.of("username", this.user, "password", PASSWORD, "role", "Manager", "accountId", this.account)))
			.get("id")
			.asString();
	}

	private ApiResponse signIn(boolean rememberMe) {
		return anonymous().post("/auth/credentials",
				Map.of("provider", "credentials", "userName", this.user, "password", PASSWORD, "rememberMe", rememberMe));
	}

	private Cookies signedIn(boolean rememberMe) {
		ApiResponse response = signIn(rememberMe);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return Cookies.from(response);
	}

	private ApiResponse get(String path, Cookies cookies, String... headers) {
		Map<String, String> all = new HashMap<>(Map.of("Cookie", cookies.header(), "Accept", "application/json"));
		for (int i = 0; i < headers.length; i += 2) {
			all.put(headers[i], headers[i + 1]);
		}
		return anonymous().exchange("GET", path, all, null);
	}

	private int status(Cookies cookies) {
		return get("/reports?accountId=" + this.account, cookies).status();
	}

	@Test
	void aSignInAnswersAsServiceStackDoesAndItsCookiesSignInUntilSignOut() {
		ApiResponse response = signIn(true);
		JsonNode answer = response.json();
		assertThat(answer.get("userId").asString()).isEqualTo(this.userId);
		assertThat(answer.get("userName").asString()).isEqualTo(this.user);
		assertThat(answer.get("roles").get(0).asString()).isEqualTo("Manager");
		assertThat(answer.has("bearerToken")).isFalse();
		Cookies cookies = Cookies.from(response);
		assertThat(response.headers().allValues("set-cookie")).anySatisfy(cookie -> assertThat(cookie)
			.startsWith("ss-pid=").contains("Max-Age=1209600").contains("HttpOnly").contains("SameSite=Lax"));
		assertThat(response.headers().allValues("set-cookie")).anySatisfy(
				cookie -> assertThat(cookie).startsWith("ss-id=").doesNotContain("Max-Age"));
		assertThat(status(cookies)).isEqualTo(200);
		JsonNode current = ok(get("/auth", cookies));
		assertThat(current.get("sessionId").asString()).isEqualTo(cookies.get("ss-pid"));

		ApiResponse logout = anonymous().exchange("POST", "/auth/logout", Map.of("Cookie", cookies.header()), null);
		assertThat(logout.status()).isEqualTo(200);
		assertThat(logout.body()).isEqualTo("{}");
		assertThat(logout.headers().allValues("set-cookie")).contains("ss-id=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax",
				"ss-pid=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax");
		assertThat(status(cookies)).isEqualTo(401);
		assertThat(ok(get("/auth/status", cookies)).get("isAuthenticated").asBoolean()).isFalse();
		ApiResponse notSignedIn = get("/auth", cookies);
		assertThat(notSignedIn.status()).isEqualTo(401);
		assertThat(notSignedIn.json().at("/responseStatus/message").asString()).isEqualTo("Not Authenticated");
	}

	@Test
	void withoutRememberMeTheSessionIsKeyedByTheBrowserSessionCookieAlone() {
		Cookies cookies = signedIn(false);
		assertThat(cookies.get("ss-pid")).isNull();
		assertThat(cookies.get("ss-opt")).isEqualTo("temp");
		assertThat(status(cookies)).isEqualTo(200);
		// Claiming the permanent cookie with the temporary session's id is refused.
		assertThat(status(cookies.with("ss-opt", "perm").with("ss-pid", cookies.get("ss-id")))).isEqualTo(401);
	}

	@Test
	void aSessionEndsAfterItsIdleTimeAndAtItsLifetimeHoweverMuchItIsUsed() {
		Cookies idle = signedIn(true);
		this.clock.advance(Duration.ofHours(23));
		assertThat(status(idle)).isEqualTo(200);
		this.clock.advance(Duration.ofHours(23));
		assertThat(status(idle)).as("used 23 hours ago: still in").isEqualTo(200);
		this.clock.advance(Duration.ofHours(24).plusSeconds(1));
		assertThat(status(idle)).as("unused for a day").isEqualTo(401);

		Cookies busy = signedIn(true);
		for (int day = 1; day <= 14; day++) {
			this.clock.advance(Duration.ofDays(1).minusMinutes(5));
			assertThat(status(busy)).as("day %d", day).isEqualTo(200);
		}
		this.clock.advance(Duration.ofHours(2));
		assertThat(status(busy)).as("14 days after its sign-in").isEqualTo(401);
	}

	@Test
	void deletingTheUserOrChangingItsPasswordEndsItsSessions() {
		Cookies cookies = signedIn(true);
		this.jdbc.sql("UPDATE app_user SET password_hash = ? WHERE id = ?")
			.params("{noop}another-password-1", this.userId)
			.update();
		assertThat(status(cookies)).isEqualTo(401);

		this.jdbc.sql("UPDATE app_user SET password_hash = ? WHERE id = ?")
			.params("{noop}" + PASSWORD, this.userId)
			.update();
		Cookies again = signedIn(true);
		assertThat(status(again)).isEqualTo(200);
		assertThat(admin().delete("/users/" + this.userId).status()).isEqualTo(204);
		assertThat(status(again)).isEqualTo(401);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM user_session WHERE user_id = ?")
			.param(this.userId)
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void aTamperedOrForeignCookieSignsNobodyIn() {
		Cookies cookies = signedIn(true);
		String pid = cookies.get("ss-pid");
		String tampered = ((pid.charAt(0) == 'A') ? "B" : "A") + pid.substring(1);
		assertThat(status(cookies.with("ss-pid", tampered))).isEqualTo(401);
		assertThat(status(cookies.with("ss-pid", "Xq3aaaaaaaaaaaaaaaaa"))).isEqualTo(401);
		assertThat(status(cookies.with("ss-opt", "temp").with("ss-id", "foreign"))).isEqualTo(401);
		// Not a sign-in: the only table of sessions holds hashes.
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM user_session WHERE temporary_hash = ? OR permanent_hash = ?")
			.params(pid, pid)
			.query(Integer.class)
			.single()).isZero();
		assertThat(status(cookies)).isEqualTo(200);
	}

	@Test
	void aCookieCountsOnlyFromTheServicesOwnPagesOrFromPrograms() {
		Cookies cookies = signedIn(true);
		assertThat(get("/reports", cookies, "Sec-Fetch-Site", "same-origin").status()).isEqualTo(200);
		assertThat(get("/reports", cookies, "Sec-Fetch-Site", "none").status()).isEqualTo(200);
		ApiResponse crossSite = get("/reports", cookies, "Sec-Fetch-Site", "cross-site");
		assertThat(crossSite.status()).isEqualTo(401);
		assertThat(crossSite.json().at("/responseStatus/message").asString()).contains("another site");
		assertThat(get("/reports", cookies, "Sec-Fetch-Site", "same-site").status()).isEqualTo(401);
		assertThat(get("/reports", cookies, "Origin", "https://evil.example").status()).isEqualTo(401);
		assertThat(get("/reports", cookies, "Origin", "null").status()).isEqualTo(401);
		assertThat(get("/reports", cookies, "Origin", "http://localhost:" + this.port).status()).isEqualTo(200);
		// A form another site posts in the victim's browser launches nothing.
		ApiResponse forged = anonymous().exchange("POST", "/reports/billing",
				Map.of("Cookie", cookies.header(), "Content-Type", "application/x-www-form-urlencoded", "Origin",
						"https://evil.example", "Sec-Fetch-Site", "cross-site"),
				("accountId=" + this.account + "&startDate=2026-07-01&endDate=2026-07-31").getBytes(StandardCharsets.UTF_8));
		assertThat(forged.status()).isEqualTo(401);
		assertThat(ok(admin().get("/reports?accountId=" + this.account)).get("reports").size()).isZero();
	}

	@Test
	void failedSignInsAreThrottledTogetherWithFailedBasicLogins() {
		for (int i = 0; i < 3; i++) {
			ApiResponse failed = anonymous().post("/auth/credentials",
					Map.of("userName", this.user, "password", "wrong-password-" + i));
			assertThat(failed.status()).isEqualTo(401);
			assertThat(failed.json().at("/responseStatus/message").asString()).isEqualTo("Invalid Username or Password");
		}
		assertThat(anonymous().as(this.user, "wrong-basic").get("/reports").status()).isEqualTo(401);
		assertThat(anonymous().as(this.user, "wrong-basic").get("/reports").status()).isEqualTo(401);
		ApiResponse held = signIn(true);
		assertThat(held.status()).isEqualTo(429);
		assertThat(held.header("Retry-After")).isNotBlank();
		assertThat(anonymous().as(this.user, PASSWORD).get("/reports").status()).isEqualTo(429);
		this.clock.advance(Duration.ofMinutes(16));
		assertThat(signIn(true).status()).isEqualTo(200);
	}

	@Test
	void signInComesAsJsonFormOrQueryOnEveryRouteServiceStackHasForIt() {
		Api api = anonymous();
		String form = "userName=" + this.user + "&password=" + PASSWORD;
		assertThat(api.send("POST", "/auth/credentials", "application/x-www-form-urlencoded", form).status())
			.isEqualTo(200);
		assertThat(api.send("POST", "/auth/login?" + form, null, (String) null).status()).isEqualTo(200);
		assertThat(api.post("/auth", Map.of("provider", "credentials", "UserName", this.user, "Password", PASSWORD))
			.status()).isEqualTo(200);
		// ServiceStack's JsonApiClient posts JSON as text/plain on its pre-defined routes.
		String json = "{\"provider\":\"credentials\",\"userName\":\"" + this.user + "\",\"password\":\"" + PASSWORD
				+ "\",\"rememberMe\":true}";
		ApiResponse viaApi = api.send("POST", "/api/Authenticate", "text/plain", json);
		assertThat(viaApi.status()).as(viaApi.body()).isEqualTo(200);
		assertThat(Cookies.from(viaApi).get("ss-pid")).isNotBlank();
		assertThat(api.send("POST", "/json/reply/Authenticate", "application/json", json).status()).isEqualTo(200);

		ApiResponse byGet = api.get("/auth/credentials?" + form);
		assertThat(byGet.status()).isEqualTo(405);
		assertThat(api.post("/auth/facebook", Map.of()).status()).isEqualTo(404);
		ApiResponse empty = api.post("/auth/credentials", Map.of("userName", "", "password", ""));
		assertThat(empty.status()).isEqualTo(400);
		assertThat(empty.json().at("/responseStatus/errors").findValuesAsString("fieldName"))
			.containsExactly("userName", "password");
		assertThat(ok(api.get("/auth/status")).get("isAuthenticated").asBoolean()).isFalse();
	}

	@Test
	void apiKeysComeAsServiceStackSendsThem() {
		String key = ok(admin().post("/users/" + this.userId + "/api-keys", Map.of("name", "ci"))).get("key")
			.asString();
		String basicKey = "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
		ApiResponse asBasic = anonymous().exchange("GET", "/reports?accountId=" + this.account,
				Map.of("Authorization", basicKey), null);
		assertThat(asBasic.status()).as(asBasic.body()).isEqualTo(200);
		assertThat(anonymous().withBearer(key).get("/reports?accountId=" + this.account).status()).isEqualTo(200);
		assertThat(anonymous().get("/reports?accountId=" + this.account + "&apikey=" + key).status())
			.as("keys in the query string are off by default").isEqualTo(401);
		String wrongKey = "Basic "
				+ Base64.getEncoder().encodeToString((key + "x:").getBytes(StandardCharsets.UTF_8));
		assertThat(anonymous().exchange("GET", "/reports", Map.of("Authorization", wrongKey), null).status())
			.isEqualTo(401);

		ApiResponse session = anonymous().post("/auth/apikey", Map.of("password", key));
		assertThat(session.status()).as(session.body()).isEqualTo(200);
		assertThat(session.json().get("bearerToken").asString()).isEqualTo(key);
		assertThat(status(Cookies.from(session))).isEqualTo(200);
	}

}
