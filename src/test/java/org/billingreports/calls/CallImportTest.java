package org.billingreports.calls;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.billingreports.support.ApiResponse;
import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingreports.support.Fixtures.ok;

/** {@code POST /calls/import} in the native format, through the real import job. */
class CallImportTest extends ApiTestSupport {

	private static final String HEADER = "callId,customerId,channel,direction,from,to,startTime,answerTime,endTime,"
			+ "durationSeconds,billableSeconds,status,carrierCost";

	@Autowired
	JdbcClient jdbc;

	private String account;

	private String customer;

	@BeforeEach
	void setUp() {
		Fixtures fixtures = new Fixtures(admin());
		this.account = unique("imp");
		this.customer = this.account + "-c";
		fixtures.account(this.account, "Europe/Berlin", Map.of());
		fixtures.customer(this.customer, this.account, null, "Customer", "acct-" + this.account, null);
	}

	private String line(String callId, String customer, String startTime) {
		return callId + "," + customer + ",voice,outbound,+4930111,+4930222," + startTime
				+ ",,2026-07-01T10:05:00Z,300,290,Completed,0.012345";
	}

	@Test
	void storesEveryFieldAndAppliesTheTimeZone() {
		String csv = HEADER + "\n" + line("call-1", this.customer, "2026-07-01T10:00:00") + "\n"
				+ line("call-2", "acct-" + this.account, "2026-07-01T10:00:00+00:00") + "\n";
		JsonNode result = ok(admin().send("POST", "/calls/import?accountId=" + this.account, "text/csv", csv));
		assertThat(result.get("imported").asLong()).isEqualTo(2);
		Map<String, Object> row = this.jdbc
			.sql("SELECT customer_id, channel, direction, from_number, to_number, duration_seconds, billable_seconds, "
					+ "status, carrier_cost FROM call_record WHERE account_id = ? AND call_id = 'call-1'")
			.param(this.account)
			.query()
			.singleRow();
		List<String> times = this.jdbc
			.sql("SELECT start_time, answer_time, end_time FROM call_record WHERE account_id = ? AND call_id = 'call-1'")
			.param(this.account)
			.query((rs, n) -> List.of(String.valueOf(StoredCalls.instant(rs, "start_time")), String.valueOf(
					StoredCalls.instant(rs, "answer_time")), String.valueOf(StoredCalls.instant(rs, "end_time"))))
			.single();
		assertThat(row.get("customer_id")).isEqualTo(this.customer);
		assertThat(row.get("channel")).isEqualTo("voice");
		assertThat(row.get("direction")).isEqualTo("outbound");
		assertThat(row.get("from_number")).isEqualTo("+4930111");
		assertThat(row.get("to_number")).isEqualTo("+4930222");
		// 10:00 in Berlin (CEST, UTC+2) is 08:00 UTC; no answer time; the end time has its own offset.
		assertThat(times).containsExactly("2026-07-01T08:00:00Z", "null", "2026-07-01T10:05:00Z");
		assertThat(row.get("duration_seconds")).isEqualTo(300);
		assertThat(row.get("billable_seconds")).isEqualTo(290);
		assertThat(row.get("status")).isEqualTo("completed");
		assertThat((BigDecimal) row.get("carrier_cost")).isEqualByComparingTo("0.012345");
		// The customer named by its referenceId is stored by id; a time with an offset keeps it.
		assertThat(this.jdbc.sql("SELECT customer_id FROM call_record WHERE account_id = ? AND call_id = 'call-2'")
			.param(this.account)
			.query(String.class)
			.single()).isEqualTo(this.customer);
	}

	@Test
	void theImportsTimeZoneOverridesTheAccounts() {
		String csv = HEADER + "\n" + line("tz-1", this.customer, "2026-07-01T10:00:00");
		ok(admin().send("POST", "/calls/import?accountId=" + this.account + "&timeZoneId=America/Chicago",
				"text/csv", csv));
		Instant start = this.jdbc.sql("SELECT start_time FROM call_record WHERE account_id = ? AND call_id = 'tz-1'")
			.param(this.account)
			.query((rs, n) -> StoredCalls.instant(rs, "start_time"))
			.single();
		assertThat(start).isEqualTo("2026-07-01T15:00:00Z");
	}

	@Test
	void badLinesAreRejectedWithTheirLineNumbersAndTheRestImported() {
		String csv = String.join("\n", HEADER, line("ok-1", this.customer, "2026-07-01T10:00:00"),
				"bad-channel," + this.customer + ",video,outbound,,,2026-07-01T10:00:00,,,1,1,completed,0",
				"bad-time," + this.customer + ",voice,outbound,,,yesterday,,,1,1,completed,0",
				"bad-cost," + this.customer + ",voice,outbound,,,2026-07-01T10:00:00,,,1,1,completed,-1",
				"bad-seconds," + this.customer + ",voice,outbound,,,2026-07-01T10:00:00,,,1,1.5,completed,0",
				"bad-customer,nobody,voice,outbound,,,2026-07-01T10:00:00,,,1,1,completed,0",
				"too,few,fields", "\"unclosed," + this.customer + ",voice",
				line("ok-2", this.customer, "2026-07-02T10:00:00"), "", line("ok-3", this.customer,
						"2026-07-03T10:00:00"),
				// Enough good lines to stay under the rejected share at which a file fails as a whole.
				line("ok-4", this.customer, "2026-07-04T10:00:00"), line("ok-5", this.customer, "2026-07-05T10:00:00"),
				line("ok-6", this.customer, "2026-07-06T10:00:00"), line("ok-7", this.customer, "2026-07-07T10:00:00"),
				line("ok-8", this.customer, "2026-07-08T10:00:00"));
		JsonNode result = ok(admin().send("POST", "/calls/import?accountId=" + this.account, "text/csv", csv));
		assertThat(result.get("status").asString()).isEqualTo("Completed");
		assertThat(result.get("read").asLong()).isEqualTo(15);
		assertThat(result.get("imported").asLong()).isEqualTo(8);
		assertThat(result.get("rejected").asLong()).isEqualTo(7);
		List<String> rejections = result.get("rejections").valueStream()
			.map(r -> r.get("lineNumber").asLong() + ": " + r.get("reason").asString())
			.toList();
		assertThat(rejections).containsExactly("3: channel must be voice, sms or fax, not 'video'",
				"4: startTime is not an ISO-8601 date-time: 'yesterday'", "5: carrierCost is negative: -1",
				"6: billableSeconds is not a whole number: '1.5'",
				"7: no customer of this account has the id or referenceId 'nobody'",
				"8: expected 13 fields as in the header, found 3", "9: a quoted field is not closed");
		assertThat(result.get("rejections").get(6).get("line").asString()).startsWith("\"unclosed,");
		assertThat(importedIds()).containsExactlyInAnyOrder("ok-1", "ok-2", "ok-3", "ok-4", "ok-5", "ok-6", "ok-7",
				"ok-8");
	}

	@Test
	void aDuplicateCallIdIsStoredOnceWithinAFileAndAcrossImports() {
		String csv = HEADER + "\n" + line("dup", this.customer, "2026-07-01T10:00:00") + "\n"
				+ line("dup", this.customer, "2026-07-01T10:00:00") + "\n";
		JsonNode first = ok(admin().send("POST", "/calls/import?accountId=" + this.account, "text/csv", csv));
		assertThat(first.get("imported").asLong()).isEqualTo(1);
		assertThat(first.get("duplicates").asLong()).isEqualTo(1);
		JsonNode again = ok(admin().send("POST", "/calls/import?accountId=" + this.account, "text/csv", csv));
		assertThat(again.get("read").asLong()).isEqualTo(2);
		assertThat(again.get("imported").asLong()).isZero();
		assertThat(again.get("duplicates").asLong()).isEqualTo(2);
		assertThat(importedIds()).containsExactly("dup");
	}

	@Test
	void aMultipartUploadWithQuotedFieldsAndAByteOrderMark() {
		String csv = "\uFEFF" + HEADER + "\r\n\"multi\",\"" + this.customer
				+ "\",\"sms\",\"inbound\",\"+49 30 \"\"1\"\"\",\"+49\n30\",\"2026-07-01T10:00:00Z\",,,0,0,\"completed\",\r\n";
		ApiResponse response = admin().upload("/calls/import?accountId=" + this.account + "&format=native", "file",
				"calls.csv", csv.getBytes(StandardCharsets.UTF_8));
		JsonNode result = ok(response);
		assertThat(result.get("imported").asLong()).as(response.body()).isEqualTo(1);
		assertThat(result.get("fileName").asString()).isEqualTo("calls.csv");
		Map<String, Object> row = this.jdbc
			.sql("SELECT from_number, to_number, carrier_cost FROM call_record WHERE account_id = ?")
			.param(this.account)
			.query()
			.singleRow();
		assertThat(row.get("from_number")).isEqualTo("+49 30 \"1\"");
		assertThat(row.get("to_number")).isEqualTo("+49\n30");
		assertThat((BigDecimal) row.get("carrier_cost")).isZero();
	}

	@Test
	void theImportCanBeReadBackById() {
		JsonNode result = ok(admin().send("POST", "/calls/import?accountId=" + this.account, "text/csv",
				HEADER + "\n" + line("again", this.customer, "2026-07-01T10:00:00")));
		JsonNode read = ok(admin().get("/calls/imports/" + result.get("id").asString()));
		assertThat(read.get("imported").asLong()).isEqualTo(1);
		assertThat(read.get("status").asString()).isEqualTo("Completed");
		assertThat(read.get("statusMessage").asString())
			.isEqualTo("Imported 1 of 1 call records; 0 duplicates, 0 rejected");
	}

	@Test
	void requestMistakesAreClearErrorsAndStoreNothing() {
		String csv = HEADER + "\n" + line("never", this.customer, "2026-07-01T10:00:00");
		assertFieldError(admin().send("POST", "/calls/import", "text/csv", csv), "accountId");
		assertFieldError(admin().send("POST", "/calls/import?accountId=" + this.account + "&format=xml", "text/csv",
				csv), "format");
		assertFieldError(admin().send("POST", "/calls/import?accountId=" + this.account + "&timeZoneId=Mars/Olympus",
				"text/csv", csv), "timeZoneId");
		assertFieldError(admin().send("POST", "/calls/import?accountId=nope-" + this.account, "text/csv", csv),
				"accountId");
		ApiResponse empty = admin().send("POST", "/calls/import?accountId=" + this.account, "text/csv", "");
		assertThat(empty.status()).isEqualTo(400);
		assertThat(empty.json().get("responseStatus").get("errorCode").asString()).isEqualTo("EmptyFile");
		ApiResponse noHeader = admin().send("POST", "/calls/import?accountId=" + this.account, "text/csv",
				line("x", this.customer, "2026-07-01T10:00:00"));
		assertThat(noHeader.status()).isEqualTo(400);
		assertThat(noHeader.json().get("responseStatus").get("message").asString())
			.startsWith("The first line must be the header");
		assertThat(importedIds()).isEmpty();
	}

	private List<String> importedIds() {
		return this.jdbc.sql("SELECT call_id FROM call_record WHERE account_id = ?")
			.param(this.account)
			.query(String.class)
			.list();
	}

	private static void assertFieldError(ApiResponse response, String field) {
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.json().get("responseStatus").get("errors").get(0).get("fieldName").asString())
			.isEqualTo(field);
	}

}
