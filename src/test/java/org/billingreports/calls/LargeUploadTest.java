package org.billingreports.calls;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import org.billingreports.support.ApiResponse;
import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.billingreports.support.Fixtures.ok;

/** A large upload is answered at once with 202, and followed at its Location until it has ended. */
@TestPropertySource(properties = "billing.jobs.call-import.answer-when-done-below=64KB")
class LargeUploadTest extends ApiTestSupport {

	@Autowired
	JdbcClient jdbc;

	@Test
	void aLargeUploadIsAnsweredAtOnceAndFollowedUntilItHasEnded() {
		String account = unique("large");
		Fixtures fixtures = new Fixtures(admin());
		fixtures.account(account, "Europe/Berlin", Map.of());
		fixtures.customer(account + "-c", account, null, "Customer", null, null);
		String file = LongStream.rangeClosed(1, 5000).mapToObj(AsteriskLines::call).collect(Collectors.joining("\n"));
		assertThat(file.length()).isGreaterThan(64 * 1024);

		ApiResponse accepted = admin().send("POST", "/calls/import?accountId=" + account + "&format=asterisk"
				+ "&defaultCustomerId=" + account + "-c", "text/csv", file.getBytes(StandardCharsets.UTF_8));
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		String id = accepted.json().get("id").asString();
		assertThat(accepted.header("Location")).isEqualTo(admin().base() + "/calls/imports/" + id);

		JsonNode[] ended = new JsonNode[1];
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			ended[0] = ok(admin().get("/calls/imports/" + id));
			assertThat(ended[0].get("status").asString()).isIn("Completed", "Error");
		});
		assertThat(ended[0].get("status").asString()).isEqualTo("Completed");
		assertThat(ended[0].get("imported").asLong()).isEqualTo(5000);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM call_record WHERE account_id = ? AND status = 'completed'")
			.param(account)
			.query(Long.class)
			.single()).isEqualTo(LongStream.rangeClosed(1, 5000).filter(AsteriskLines::billable).count());
	}

}
