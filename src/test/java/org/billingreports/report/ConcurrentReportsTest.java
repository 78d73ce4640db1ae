package org.billingreports.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.billingreports.support.ApiResponse;
import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/** Many reports of one account at the same moment: each one complete, right, and separate. */
class ConcurrentReportsTest extends ApiTestSupport {

	private static final int CALLS = 60;

	@Autowired
	JdbcClient jdbc;

	private String account;

	private Fixtures fixtures;

	@BeforeEach
	void setUp() {
		this.fixtures = new Fixtures(admin());
		this.account = unique("conc");
		this.fixtures.account(this.account, "UTC", Map.of("base", Fixtures.item("5", "0", "0", 0),
				"outboundVoiceCalls", Fixtures.item("0", "1.1", "0.013", 10)));
		StringBuilder csv = new StringBuilder("callId,customerId,channel,direction,startTime,billableSeconds,status,"
				+ "carrierCost\n");
		for (int c = 0; c < 3; c++) {
			this.fixtures.customer(this.account + "-" + c, this.account, null, "Customer " + c, null, null);
		}
		for (int i = 0; i < CALLS; i++) {
			csv.append("call-").append(i).append(',').append(this.account).append('-').append(i % 3)
				.append(",voice,outbound,2026-07-").append(String.format("%02d", 1 + i % 28))
				.append("T12:00:00Z,").append(17 * i).append(",completed,0.00").append(i % 10).append('\n');
		}
		this.fixtures.importCalls(this.account, csv.toString());
	}

	@Test
	void twentyReportsLaunchedAtOnceAllCompleteWithTheSameFile() throws Exception {
		List<String> ids = launchTogether(20, request());
		assertThat(ids).doesNotHaveDuplicates().hasSize(20);
		assertAllCompletedWithOneFile(ids);
	}

	@Test
	void twoIdenticalRequestsGiveTwoReportsBothRight() throws Exception {
		List<String> ids = launchTogether(2, request());
		assertThat(ids).doesNotHaveDuplicates().hasSize(2);
		assertAllCompletedWithOneFile(ids);
	}

	private void assertAllCompletedWithOneFile(List<String> ids) {
		String expected = null;
		for (String id : ids) {
			JsonNode report = this.fixtures.awaitEnd(id);
			assertThat(report.get("status").asString()).as(report.toString()).isEqualTo("Completed");
			assertThat(report.get("statusMessage").asString()).startsWith("3 customers, " + CALLS + " calls");
			String file = admin().get("/reports/" + id + ".csv").body();
			if (expected == null) {
				expected = file;
				assertThat(file.split("\r\n")).hasSize(1 + 3 * 2);
			}
			assertThat(file).isEqualTo(expected);
			assertThat(this.jdbc.sql("SELECT COUNT(*) FROM billing_row WHERE report_id = ?")
				.param(id)
				.query(Long.class)
				.single()).isEqualTo(CALLS);
		}
	}

	private List<String> launchTogether(int count, Map<String, Object> request) throws Exception {
		ExecutorService clients = Executors.newFixedThreadPool(count);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<ApiResponse>> answers = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				answers.add(clients.submit(() -> {
					start.await();
					return admin().post("/reports/billing", request);
				}));
			}
			start.countDown();
			List<String> ids = new ArrayList<>();
			for (Future<ApiResponse> answer : answers) {
				ApiResponse response = answer.get(60, TimeUnit.SECONDS);
				assertThat(response.status()).as(response.body()).isEqualTo(200);
				ids.add(response.json().get("id").asString());
			}
			return ids;
		}
		finally {
			clients.shutdownNow();
		}
	}

	private Map<String, Object> request() {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("accountId", this.account);
		request.put("startDate", "2026-07-01");
		request.put("endDate", "2026-07-31");
		request.put("includeCustomerIds", true);
		return request;
	}

}
