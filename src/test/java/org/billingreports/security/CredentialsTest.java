package org.billingreports.security;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.billingreports.support.Api;
import org.billingreports.support.ApiResponse;
import org.billingreports.support.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingreports.support.Fixtures.ok;

/** Download tokens, API keys and the throttling of failed logins. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CredentialsTest extends ApiTestSupport {

	@Autowired
	JdbcClient jdbc;

	private Tenants t;

	@BeforeAll
	void createTenants() {
		this.t = new Tenants(admin(), unique("cred")).create();
	}

	@Test
	void aDownloadLinkWorksWithoutCredentialsUntilItIsTamperedWithOrExpires() throws Exception {
		String link = ok(admin().get("/reports/" + this.t.reportOfAdmin)).get("downloadLink").asString();
		String path = link.substring(admin().base().length());
		String token = path.substring(path.indexOf("token=") + "token=".length());

		ApiResponse byLink = anonymous().get(path);
		assertThat(byLink.status()).isEqualTo(200);
		assertThat(byLink.body()).startsWith("Customer,Item,").contains("Parent " + this.t.p);

		String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
		assertRefused(anonymous().get("/reports/" + this.t.reportOfAdmin + ".csv?token=" + tampered));
		String laterExpiry = (Long.parseLong(token.substring(0, token.indexOf('.'))) + 3600)
				+ token.substring(token.indexOf('.'));
		assertRefused(anonymous().get("/reports/" + this.t.reportOfAdmin + ".csv?token=" + laterExpiry));
		// Another report's token opens only that report.
		String otherToken = ok(admin().get("/reports/" + this.t.reportOfB)).get("downloadLink").asString();
		otherToken = otherToken.substring(otherToken.indexOf("token=") + "token=".length());
		assertRefused(anonymous().get("/reports/" + this.t.reportOfAdmin + ".csv?token=" + otherToken));
		// Signed right, but out of date.
		long past = Instant.now().minusSeconds(60).getEpochSecond();
		assertRefused(anonymous().get("/reports/" + this.t.reportOfAdmin + ".csv?token=" + past + "."
				+ sign(this.t.reportOfAdmin + ":" + past)));
		assertRefused(anonymous().get("/reports/" + this.t.reportOfAdmin + ".csv?token=nonsense"));

		// Without a token: credentials of a user who may see the report, and nobody else.
		assertThat(admin().get("/reports/" + this.t.reportOfAdmin + ".csv").status()).isEqualTo(200);
		assertThat(this.t.as("managerA").get("/reports/" + this.t.reportOfAdmin + ".csv").status()).isEqualTo(200);
		ApiResponse anonymous = anonymous().get("/reports/" + this.t.reportOfAdmin + ".csv");
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.header("WWW-Authenticate")).startsWith("Basic");
	}

	@Test
	void apiKeysAreShownOnceAcceptedAsBearerAndRevocable() {
		Api manager = this.t.as("managerA");
		String userId = this.t.userId("managerA");
		JsonNode created = ok(manager.post("/users/" + userId + "/api-keys", Map.of("name", "cron")));
		String key = created.get("key").asString();
		assertThat(key).startsWith("bk_" + created.get("id").asString() + "_");

		Api bearer = anonymous().withBearer(key);
		assertThat(ok(bearer.get("/accounts/" + this.t.accountA)).get("id").asString()).isEqualTo(this.t.accountA);
		// The key acts as its user: the other tenant stays hidden.
		assertThat(bearer.get("/accounts/" + this.t.accountB).status()).isEqualTo(404);

		JsonNode listed = ok(manager.get("/users/" + userId + "/api-keys"));
		assertThat(listed.toString()).doesNotContain(key.substring(key.lastIndexOf('_') + 1));
		assertThat(listed.get("apiKeys").get(0).get("name").asString()).isEqualTo("cron");
		assertThat(listed.get("apiKeys").get(0).has("lastUsed")).isTrue();

		assertThat(manager.delete("/users/" + userId + "/api-keys/" + created.get("id").asString()).status())
			.isEqualTo(204);
		assertThat(bearer.get("/accounts/" + this.t.accountA).status()).isEqualTo(401);
		assertThat(anonymous().withBearer(key.substring(0, key.length() - 1) + "x").get("/reports").status())
			.isEqualTo(401);
		assertThat(anonymous().withBearer("not-a-key").get("/reports").status()).isEqualTo(401);
	}

	@Test
	void failedLoginsOfOneUserAreThrottled() {
		String username = this.t.p + "-customerS";
		Api wrong = anonymous().as(username, "wrong-password");
		for (int i = 0; i < 5; i++) {
			assertThat(wrong.get("/reports").status()).isEqualTo(401);
		}
		// Now even the right password waits, and says how long.
		ApiResponse throttled = this.t.as("customerS").get("/reports");
		assertThat(throttled.status()).isEqualTo(429);
		assertThat(Integer.parseInt(throttled.header("Retry-After"))).isBetween(1, 900);
		assertThat(throttled.json().get("responseStatus").get("errorCode").asString())
			.isEqualTo("TooManyLoginFailures");
		// Other users are not affected.
		assertThat(this.t.as("customerP").get("/reports").status()).isEqualTo(200);
	}

	@Test
	void usersAreNeverShownWithTheirPasswords() {
		JsonNode users = ok(admin().get("/users"));
		assertThat(users.toString()).doesNotContain(Tenants.PASSWORD).doesNotContain("{bcrypt}")
			.doesNotContain("password");
		JsonNode user = users.get("users").valueStream()
			.filter(u -> u.get("username").asString().equals(this.t.p + "-customerP"))
			.findFirst()
			.orElseThrow();
		assertThat(user.get("role").asString()).isEqualTo("Customer");
		assertThat(user.get("customerId").asString()).isEqualTo(this.t.customerP);
	}

	private static void assertRefused(ApiResponse response) {
		assertThat(response.status()).as(response.body()).isEqualTo(403);
		assertThat(response.json().get("responseStatus").get("message").asString()).contains("invalid or has expired");
	}

	/** The download-link signature, computed here independently with the key the service keeps. */
	private String sign(String text) throws Exception {
		String secret = this.jdbc.sql("SELECT secret FROM server_secret WHERE name = 'download-link'")
			.query(String.class)
			.single();
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
	}

}
