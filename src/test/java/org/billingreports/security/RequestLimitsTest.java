package org.billingreports.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import org.billingreports.support.Api;
import org.billingreports.support.ApiResponse;
import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;
import org.billingreports.support.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per caller and minute, over real HTTP: report launches past {@code billing.limits.requests-per-minute}, and
 * pushed legs past {@code billing.limits.ingestion-requests-per-minute}, answer 429 with {@code Retry-After}
 * and ServiceStack's {@code responseStatus}; each kind apart, each caller apart, again allowed the next minute.
 */
@TestPropertySource(properties = { "billing.limits.requests-per-minute=2",
		"billing.limits.ingestion-requests-per-minute=2" })
@Import(ManualClock.Configuration.class)
class RequestLimitsTest extends ApiTestSupport {

	@Autowired
	ManualClock clock;

	@Test
	void launchesAndPushedLegsPastTheirLimitsAnswer429UntilTheNextMinute() {
		String account = unique("limits");
		new Fixtures(admin()).account(account, "UTC", Map.of());
		new Fixtures(admin()).customer(account + "-1001", account, null, "Extension 1001", "1001", null);
		String password = "limits-password-1";
		admin().post("/users", Map.of("username", account + "-m", "password", password, "role", "Manager", "accountId",
				account));
		Api manager = anonymous().as(account + "-m", password);
		Map<String, Object> report = Map.of("accountId", account, "startDate", "2026-07-01", "endDate", "2026-07-31");
		assertThat(manager.post("/reports/billing", report).status()).isEqualTo(200);
		assertThat(manager.post("/reports/billing", report).status()).isEqualTo(200);
		ApiResponse refused = manager.post("/reports/billing", report);
		assertThat(refused.status()).isEqualTo(429);
		assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
		assertThat(refused.json().at("/responseStatus/errorCode").asString()).isEqualTo("TooManyRequests");
		// Another caller is counted apart.
		assertThat(admin().post("/reports/billing", report).status()).isEqualTo(200);

		ApiResponse made = admin().post("/accounts/" + account + "/switch-credentials", Map.of());
		JsonNode credential = made.json();
		Api theSwitch = anonymous().as(credential.get("username").asString(), credential.get("password").asString());
		assertThat(push(theSwitch, account)).isEqualTo(200);
		assertThat(push(theSwitch, account)).isEqualTo(200);
		assertThat(push(theSwitch, account)).isEqualTo(429);

		this.clock.advance(Duration.ofMinutes(1));
		assertThat(manager.post("/reports/billing", report).status()).isEqualTo(200);
		assertThat(push(theSwitch, account)).isEqualTo(200);
	}

	private static int push(Api theSwitch, String account) {
		String uuid = UUID.randomUUID().toString();
		String leg = "{\"variables\":{\"uuid\":\"" + uuid + "\",\"accountcode\":\"1001\",\"start_epoch\":\"1783000000\","
				+ "\"answer_epoch\":\"1783000002\",\"end_epoch\":\"1783000062\",\"duration\":\"62\",\"billsec\":\"60\"}}";
		return theSwitch.exchange("POST", "/calls/freeswitch/" + account + "?uuid=" + uuid,
				Map.of("Content-Type", "application/json"), leg.getBytes(StandardCharsets.UTF_8)).status();
	}

}
