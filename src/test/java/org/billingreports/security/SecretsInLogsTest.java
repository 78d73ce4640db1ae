package org.billingreports.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import org.billingreports.support.Api;
import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingreports.support.Fixtures.ok;

/** Passwords, API keys, webhook secrets and download tokens never reach the logs, even at DEBUG. */
@ExtendWith(OutputCaptureExtension.class)
class SecretsInLogsTest extends ApiTestSupport {

	private static final List<String> VERBOSE = List.of("org.billingreports", "org.springframework.security",
			"org.springframework.web", "org.springframework.batch");

	@Autowired
	LoggingSystem logging;

	@BeforeEach
	void verbose() {
		VERBOSE.forEach(logger -> this.logging.setLogLevel(logger, LogLevel.DEBUG));
	}

	@AfterEach
	void quiet() {
		VERBOSE.forEach(logger -> this.logging.setLogLevel(logger, null));
	}

	@Test
	void noSecretIsLogged(CapturedOutput output) {
		Fixtures fixtures = new Fixtures(admin());
		String account = unique("logs");
		String webhookSecret = "whsec-log-check-" + account;
		ok(admin().post("/accounts", Map.of("id", account, "name", "Logged", "webhookSecret", webhookSecret)));
		fixtures.customer(account + "-c", account, null, "C", null, null);
		String password = "log-check-password-" + account;
		String userId = ok(admin().post("/users", Map.of("username", account + "-m", "password", password, "role",
				"Manager", "accountId", account))).get("id").asString();
		Api manager = anonymous().as(account + "-m", password);
		String key = ok(manager.post("/users/" + userId + "/api-keys", Map.of())).get("key").asString();
		assertThat(anonymous().withBearer(key).get("/reports").status()).isEqualTo(200);
		assertThat(anonymous().as(account + "-m", "wrong-" + password).get("/reports").status()).isEqualTo(401);
		JsonNode report = new Fixtures(manager).runReport(Map.of("accountId", account, "startDate", "2026-07-01",
				"endDate", "2026-07-31", "emailAddressToNotify", "ops@example.com"));
		String link = report.get("downloadLink").asString();
		String token = link.substring(link.indexOf("token=") + "token=".length());
		assertThat(anonymous().get(link.substring(anonymous().base().length())).status()).isEqualTo(200);

		String logs = output.getAll();
		assertThat(logs).as("the flow was logged at all").contains(report.get("id").asString());
		for (String secret : List.of(ADMIN_PASSWORD, password, "wrong-" + password, key,
				key.split("_", 3)[2], webhookSecret, token, token.substring(token.indexOf('.') + 1),
				basic(account + "-m", password), basic(ADMIN, ADMIN_PASSWORD))) {
			assertThat(logs).doesNotContain(secret);
		}
	}

	private static String basic(String user, String password) {
		return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

}
