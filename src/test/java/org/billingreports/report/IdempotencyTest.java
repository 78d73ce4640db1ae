package org.billingreports.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.billingreports.support.ApiResponse;
import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code Idempotency-Key} on {@code POST /reports/billing}. */
class IdempotencyTest extends ApiTestSupport {

	private String account;

	@BeforeEach
	void setUp() {
		this.account = unique("idem");
		new Fixtures(admin()).account(this.account, "UTC", Map.of());
	}

	private String body(String endDate) {
		return "{\"accountId\":\"" + this.account + "\",\"startDate\":\"2026-07-01\",\"endDate\":\"" + endDate + "\"}";
	}

	private ApiResponse post(String key, String body) {
		return admin().sendWithHeader("POST", "/reports/billing", "application/json", body, "Idempotency-Key", key);
	}

	@Test
	void aRepeatReturnsTheFirstReportAndADifferentBodyIsRefused() {
		String key = unique("key");
		ApiResponse first = post(key, body("2026-07-31"));
		ApiResponse repeat = post(key, body("2026-07-31"));
		assertThat(first.status()).isEqualTo(200);
		assertThat(repeat.status()).isEqualTo(200);
		assertThat(repeat.json().get("id").asString()).isEqualTo(first.json().get("id").asString());

		ApiResponse different = post(key, body("2026-07-30"));
		assertThat(different.status()).isEqualTo(422);
		assertThat(different.json().get("responseStatus").get("errorCode").asString())
			.isEqualTo("IdempotencyKeyReused");

		// Without a key, or with another, each request is a report of its own.
		ApiResponse other = post(unique("key"), body("2026-07-31"));
		assertThat(other.json().get("id").asString()).isNotEqualTo(first.json().get("id").asString());
		assertThat(reportCount()).isEqualTo(2);
	}

	@Test
	void repeatsAtTheSameMomentMakeOneReport() throws Exception {
		String key = unique("key");
		ExecutorService clients = Executors.newFixedThreadPool(6);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<ApiResponse>> answers = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				answers.add(clients.submit(() -> {
					start.await();
					return post(key, body("2026-07-31"));
				}));
			}
			start.countDown();
			List<String> ids = new ArrayList<>();
			for (Future<ApiResponse> answer : answers) {
				ApiResponse response = answer.get(60, TimeUnit.SECONDS);
				assertThat(response.status()).as(response.body()).isEqualTo(200);
				ids.add(response.json().get("id").asString());
			}
			assertThat(ids).containsOnly(ids.get(0));
			assertThat(reportCount()).isOne();
		}
		finally {
			clients.shutdownNow();
		}
	}

	@Test
	void aKeyThatIsNoKeyIsA400() {
		ApiResponse response = post("x".repeat(300), body("2026-07-31"));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("responseStatus").get("errorCode").asString()).isEqualTo("InvalidIdempotencyKey");
		assertThat(reportCount()).isZero();
	}

	private int reportCount() {
		return admin().get("/reports?accountId=" + this.account).json().get("reports").size();
	}

}
