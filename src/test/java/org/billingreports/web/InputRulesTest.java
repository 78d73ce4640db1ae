package org.billingreports.web;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import org.billingreports.kernel.ServiceProperties;
import org.billingreports.support.ApiResponse;
import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The input rules: bodies limited however they are sent, strict dates in a documented range of years,
 * a longest period, 405 for methods the service does not take, a refused import answered 422 with
 * honest counts, and an import that holds no call records refused. None of it a 5xx, and nothing
 * stored by what was refused.
 */
@TestPropertySource(properties = { "billing.limits.max-import-bytes=64KB", "billing.limits.max-report-days=31" })
class InputRulesTest extends ApiTestSupport {

	private static final String HEADER = "callId,customerId,channel,direction,from,to,startTime,answerTime,endTime,"
			+ "durationSeconds,billableSeconds,status,carrierCost";

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private ServiceProperties service;

	private String account;

	@BeforeEach
	void setUp() {
		this.account = unique("rules");
		Fixtures fixtures = new Fixtures(admin());
		fixtures.account(this.account, "UTC", Map.of());
		fixtures.customer(this.account + "-c", this.account, null, "Customer", null, null);
	}

	private long imports() {
		return this.jdbc.sql("SELECT COUNT(*) FROM call_import WHERE account_id = ?").param(this.account)
			.query(Long.class).single();
	}

	@Test
	void anImportIsLimitedHoweverItsBodyIsSent() throws Exception {
		StringBuilder file = new StringBuilder(HEADER);
		for (int i = 0; file.length() < 200 * 1024; i++) {
			file.append("\nbig-").append(i).append(',').append(this.account)
				.append("-c,voice,outbound,+1,+2,2026-07-02T10:00:00Z,,,60,60,completed,0.01");
		}
		byte[] bytes = file.toString().getBytes(StandardCharsets.UTF_8);
		String path = "/calls/import?accountId=" + this.account;
		ApiResponse declared = admin().send("POST", path, "text/csv", bytes);
		assertThat(declared.status()).isEqualTo(413);
		ApiResponse chunked = admin().chunked("POST", path, Map.of("Content-Type", "text/csv"), bytes);
		assertThat(chunked.status()).as(chunked.body()).isEqualTo(413);
		assertThat(chunked.json().at("/responseStatus/errorCode").asString()).isEqualTo("RequestTooLarge");
		String boundary = "----rules" + UUID.randomUUID();
		byte[] multipart = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n"
				+ "Content-Type: text/csv\r\n\r\n" + file + "\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
		ApiResponse chunkedMultipart = admin().chunked("POST", path,
				Map.of("Content-Type", "multipart/form-data; boundary=" + boundary), multipart);
		assertThat(chunkedMultipart.status()).as(chunkedMultipart.body()).isEqualTo(413);
		assertThat(imports()).isZero();
		Path spool = this.service.dataDir().resolve("imports");
		if (Files.isDirectory(spool)) {
			try (var files = Files.list(spool)) {
				assertThat(files.filter(f -> Files.isRegularFile(f)).count()).as("no partial upload is kept").isZero();
			}
		}
	}

	@Test
	void datesAreStrictAndWithinTheYearsAllowed() {
		for (String date : List.of("+999999999-12-31", "0000-01-01", "9999-12-31", "-999999999-01-01", "2026-02-30",
				"2026-02-30T10:00:00Z", "1969-12-31")) {
			ApiResponse refused = admin().post("/reports/billing",
					Map.of("accountId", this.account, "startDate", date, "endDate", "2026-07-31"));
			assertThat(refused.status()).as(date + ": " + refused.body()).isEqualTo(400);
			assertThat(refused.json().at("/responseStatus/errors/0/fieldName").asString()).isEqualTo("startDate");
		}
		assertThat(admin().post("/reports/billing", Map.of("accountId", this.account, "startDate", "2026-07-01",
				"endDate", "9999-12-31")).json().at("/responseStatus/message").asString()).contains("1970", "2199");

		JsonNode imported = admin().send("POST", "/calls/import?accountId=" + this.account, "text/csv", String.join("\n",
				HEADER, "feb-30," + this.account + "-c,voice,outbound,+1,+2,2026-02-30T10:00:00Z,,,60,60,completed,0",
				"y9999," + this.account + "-c,voice,outbound,+1,+2,9999-01-01T10:00:00Z,,,60,60,completed,0",
				"day-first," + this.account + "-c,voice,outbound,+1,+2,30.02.2026 10:00,,,60,60,completed,0",
				"fine," + this.account + "-c,voice,outbound,+1,+2,2026-02-28T10:00:00Z,,,60,60,completed,0",
				"fine2," + this.account + "-c,voice,outbound,+1,+2,2026-02-27T10:00:00Z,,,60,60,completed,0",
				"fine3," + this.account + "-c,voice,outbound,+1,+2,2026-02-26T10:00:00Z,,,60,60,completed,0",
				"fine4," + this.account + "-c,voice,outbound,+1,+2,2026-02-25T10:00:00Z,,,60,60,completed,0"))
			.json();
		assertThat(imported.get("imported").asInt()).isEqualTo(4);
		assertThat(imported.get("rejected").asInt()).isEqualTo(3);
		assertThat(imported.get("rejections").findValuesAsString("reason")).anySatisfy(
				reason -> assertThat(reason).contains("2026-02-30T10:00:00Z"))
			.anySatisfy(reason -> assertThat(reason).contains("9999", "1970", "2199"));
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM call_record WHERE account_id = ? AND call_id IN "
				+ "('feb-30', 'y9999', 'day-first')").param(this.account).query(Long.class).single()).isZero();
	}

	@Test
	void aPeriodIsAtMostTheDaysAllowed() {
		Map<String, Object> request = new LinkedHashMap<>(Map.of("accountId", this.account, "startDate", "2026-07-01",
				"endDate", "2026-08-01"));
		ApiResponse tooLong = admin().post("/reports/billing", request);
		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(tooLong.json().at("/responseStatus/message").asString()).contains("31 days");
		request.put("endDate", "2026-07-31");
		assertThat(admin().post("/reports/billing", request).status()).isEqualTo(200);
	}

	@Test
	void aMethodTheServiceDoesNotTakeIs405WithAllow() {
		for (String method : List.of("CONNECT", "PROPFIND", "FOO")) {
			ApiResponse answer = admin().rawMethod(method, "/reports");
			assertThat(answer.status()).as(method + ": " + answer.body()).isEqualTo(405);
			assertThat(answer.header("Allow")).contains("GET", "POST", "DELETE");
			assertThat(answer.json().at("/responseStatus/errorCode").asString()).isEqualTo("MethodNotAllowed");
		}
	}

	@Test
	void aRefusedImportIs422WithHonestCounts() {
		StringBuilder file = new StringBuilder(HEADER);
		for (int i = 0; i < 3; i++) {
			file.append("\ngood-").append(i).append(',').append(this.account)
				.append("-c,voice,outbound,+1,+2,2026-07-02T10:00:00Z,,,60,60,completed,0.01");
		}
		for (int i = 0; i < 7; i++) {
			file.append("\nbad-").append(i).append(',').append(this.account).append("-c,video,outbound,,,2026-07-02,,,0,0,x,0");
		}
		ApiResponse refused = admin().send("POST", "/calls/import?accountId=" + this.account, "text/csv",
				file.toString());
		assertThat(refused.status()).as(refused.body()).isEqualTo(422);
		JsonNode info = refused.json();
		assertThat(info.get("status").asString()).isEqualTo("Error");
		assertThat(info.get("read").asInt()).isEqualTo(10);
		assertThat(info.get("imported").asInt()).isZero();
		assertThat(info.get("duplicates").asInt()).as("taken back, not duplicates").isZero();
		assertThat(info.get("rejected").asInt()).isEqualTo(7);
		// As every error: ServiceStack's responseStatus, beside the import's own fields.
		assertThat(info.at("/responseStatus/errorCode").asString()).isEqualTo("ImportRefused");
		assertThat(info.at("/responseStatus/message").asString()).isEqualTo(info.get("statusMessage").asString())
			.startsWith("The file was refused");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM call_record WHERE account_id = ?").param(this.account)
			.query(Long.class).single()).isZero();
	}

	@Test
	void aFileWithoutCallRecordsIs400() {
		for (String file : List.of(HEADER, HEADER + "\n", HEADER + "\n\n\n", "")) {
			ApiResponse refused = admin().send("POST", "/calls/import?accountId=" + this.account, "text/csv", file);
			assertThat(refused.status()).as("«" + file + "»: " + refused.body()).isEqualTo(400);
		}
		assertThat(admin().send("POST", "/calls/import?accountId=" + this.account + "&format=asterisk"
				+ "&defaultCustomerId=" + this.account + "-c", "text/csv", "\n\n").status()).isEqualTo(400);
		assertThat(imports()).isZero();
	}

}
