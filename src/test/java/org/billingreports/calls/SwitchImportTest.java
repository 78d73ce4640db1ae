package org.billingreports.calls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.billingreports.support.ApiResponse;
import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingreports.calls.AsteriskLines.line;
import static org.billingreports.support.Fixtures.ok;

/**
 * Asterisk and FreeSWITCH files through {@code POST /calls/import}: the sample files as switches wrote
 * them, and generated files in every layout, with the values each record must be stored with.
 */
class SwitchImportTest extends ApiTestSupport {

	@Autowired
	JdbcClient jdbc;

	private String account;

	private String walkIn;

	private StoredCalls stored;

	@BeforeEach
	void setUp() {
		Fixtures fixtures = new Fixtures(admin());
		this.account = unique("sw");
		this.walkIn = this.account + "-walkin";
		fixtures.account(this.account, "Europe/Moscow", Map.of());
		fixtures.customer(this.walkIn, this.account, null, "Walk-in", null, null);
		for (String extension : List.of("1000", "1008", "2001")) {
			fixtures.customer(customer(extension), this.account, null, "Extension " + extension, extension, null);
		}
		this.stored = new StoredCalls(this.jdbc, this.account);
	}

	@Test
	void theAsteriskSampleLinesOfTwoLayouts() throws IOException {
		JsonNode result = ok(importFile("asterisk", "", sample("asterisk-Master.csv")));
		assertThat(result.get("imported").asLong()).isEqualTo(2);
		assertThat(result.get("defaultCustomerId").asString()).isEqualTo(this.walkIn);
		Map<String, String> calls = this.stored.describeAll();
		// 18 fields (uniqueid, userfield): a uniqueid alone may be shared by legs, so a hash is added.
		String first = calls.keySet().stream().filter(id -> id.startsWith("1270167992.0/")).findFirst().orElseThrow();
		assertThat(first).matches("1270167992\\.0/[0-9a-f]{12}");
		// Moscow was UTC+4 in the summer of 2010, UTC+3 since 2014.
		assertThat(calls.get(first)).isEqualTo(this.walkIn + "|voice|outbound|null|1|null|2010-04-01T20:26:32Z|"
				+ "2010-04-01T20:26:32Z|2010-04-01T20:26:39Z|7|7|completed");
		// 21 fields (newcdrcolumns): uniqueid and sequence. TimeDelay is no known context and ch1 no
		// number: the fallback direction.
		assertThat(calls.get("1706372196.14/10")).isEqualTo(this.walkIn + "|voice|outbound|89245555937|ch1|89245555937|"
				+ "2024-01-27T13:16:36Z|null|2024-01-27T13:16:51Z|15|0|no-answer");
	}

	@Test
	void aRealAsteriskFileWithLegsAnsweredWithoutBillsecAndBytesThatAreNotUtf8() throws IOException {
		byte[] file = sample("asterisk-newcdrcolumns-Master.csv");
		JsonNode result = ok(importFile("asterisk", "", file));
		assertThat(result.get("status").asString()).isEqualTo("Completed");
		assertThat(result.get("read").asLong()).isEqualTo(84);
		assertThat(result.get("imported").asLong()).isEqualTo(84);
		assertThat(result.get("rejected").asLong()).isZero();
		// Only ANSWERED with billsec above 0 is billable: 7 answered lines have billsec 0, and 2 NO ANSWER
		// lines have billsec above 0.
		assertThat(this.stored.countBy("status")).containsExactly(Map.entry("answered-unbilled", 7L),
				Map.entry("busy", 1L), Map.entry("completed", 30L), Map.entry("no-answer", 46L));
		assertThat(this.stored.billableSecondsOfCompletedCalls()).isEqualTo(884);
		// stadion-pstn matches ".*-pstn"; TimeDelay falls back.
		assertThat(this.stored.countBy("direction")).containsExactly(Map.entry("inbound", 73L),
				Map.entry("outbound", 11L));
		assertThat(this.stored.describe("1706368044.0/0")).isEqualTo(this.walkIn + "|voice|inbound|89245555937|"
				+ "211474|89245555937|2024-01-27T12:07:24Z|2024-01-27T12:07:24Z|2024-01-27T12:07:51Z|27|27|completed");
		// Two legs of one call: one uniqueid, two sequences; NO ANSWER although billsec is 60.
		assertThat(this.stored.describe("1706369600.6/3")).endsWith("|60|60|no-answer");
		assertThat(this.stored.describe("1706369600.6/6")).endsWith("|30|30|no-answer");
		// A caller name with bytes that are not UTF-8 is kept, the bytes replaced; a system name before
		// the uniqueid is part of it.
		assertThat(this.stored.describe("1706415046.98/79")).contains("|8107924651\uFFFD\uFFFDb|");
		assertThat(this.stored.describe("mainserverdss-1706438303.90/72")).contains("|8107924777\uFFFD\uFFFDP|")
			.endsWith("|41|39|completed");

		JsonNode again = ok(importFile("asterisk", "", file));
		assertThat(again.get("imported").asLong()).isZero();
		assertThat(again.get("duplicates").asLong()).isEqualTo(84);
		assertThat(this.stored.ids()).hasSize(84);
	}

	@Test
	void theFreeSwitchSampleLines() throws IOException {
		ok(importFile("freeswitch", "", sample("freeswitch-Master.csv")));
		// Account code 1000 is a customer's referenceId; the second line has none.
		assertThat(this.stored.describeAll()).containsExactly(
				// An extension calling out in the public context: outbound (the numbers before the context).
				Map.entry("3269ae31-847a-42de-ac09-0150eedb75fd", this.walkIn + "|voice|outbound|2001|14082186575|"
						+ "Gonzalo Gasca Meza|2016-02-16T02:02:32Z|null|2016-02-16T02:02:32Z|0|0|user_busy"),
				Map.entry("e852a435-b155-40e6-8ca4-68cd98e8f62d", customer("1000") + "|voice|outbound|1000|1002|"
						+ "AmitSIPUser|2017-07-09T07:34:14Z|2017-07-09T07:34:25Z|2017-07-09T07:34:38Z|24|13|completed"));
	}

	@Test
	void aRealFreeSwitchFileBillableByAnswerAndBillsecNotByHangupCause() throws IOException {
		JsonNode result = ok(importFile("freeswitch", "", sample("freeswitch-example-Master.csv")));
		assertThat(result.get("imported").asLong()).isEqualTo(82);
		assertThat(this.stored.countBy("customer_id")).containsExactly(Map.entry(customer("1008"), 2L),
				Map.entry(customer("2001"), 12L), Map.entry(this.walkIn, 68L));
		// RECOVERY_ON_TIMER_EXPIRE answered and talked: billable; NORMAL_CLEARING unanswered: not.
		assertThat(this.stored.countBy("status")).containsExactly(Map.entry("completed", 11L),
				Map.entry("normal_clearing", 56L), Map.entry("user_busy", 12L), Map.entry("user_not_registered", 3L));
		assertThat(this.stored.billableSecondsOfCompletedCalls()).isEqualTo(1077);
		// The lines in the public context where an extension dials an outside number are outbound: the
		// numbers decide before the context.
		assertThat(this.stored.countBy("direction")).containsExactly(Map.entry("inbound", 35L),
				Map.entry("outbound", 47L));
		assertThat(this.stored.describe("4824c308-0099-971d-1890-157b0d8308f3")).isEqualTo(customer("1008")
				+ "|voice|outbound|1008|3500|FreeSWITCH User|2016-02-16T00:46:41Z|2016-02-16T00:46:41Z|"
				+ "2016-02-16T00:48:58Z|137|137|completed");
	}

	@Test
	void linesThatNameNoCustomerNeedADefaultCustomer() throws IOException {
		byte[] file = sample("freeswitch-example-Master.csv");
		ApiResponse unknown = admin().send("POST", "/calls/import?accountId=" + this.account
				+ "&format=freeswitch&defaultCustomerId=nobody", "text/csv", file);
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.json().get("responseStatus").get("errors").get(0).get("fieldName").asString())
			.isEqualTo("defaultCustomerId");

		// 68 of 82 lines have no account code: too many rejected, so the 14 others are taken back too (422).
		JsonNode result = refused(admin().send("POST", "/calls/import?accountId=" + this.account
				+ "&format=freeswitch", "text/csv", file));
		assertThat(result.get("status").asString()).isEqualTo("Error");
		assertThat(result.get("statusMessage").asString()).isEqualTo("The file was refused: 68 of 82 lines (83%) "
				+ "were rejected, more than the 50% allowed: nothing of the file was imported. Fix the file, or check "
				+ "its format and time zone, and import it again");
		assertThat(result.get("rejections").get(0).get("reason").asString())
			.isEqualTo("the line names no customer (empty account code), its calling number '2001' is none of the account's, and "
						+ "the import has no defaultCustomerId");
		assertThat(result.get("imported").asLong()).isZero();
		assertThat(this.stored.ids()).isEmpty();
	}

	@Test
	void everyAsteriskLayoutToldFromItsFieldCount() {
		String file = String.join("\n",
				// 16: no uniqueid; a caller name with quotes in it.
				line("", "1001", "004930123456", "from-internal", "\"Anne \"Annie\" Lee\" <1001>", "SIP/1001-01",
						"SIP/trunk-02", "Dial", "SIP/trunk/004930123456,60", "2026-03-02 09:00:00",
						"2026-03-02 09:00:05", "2026-03-02 09:01:05", 65, 60, "ANSWERED", "BILLING"),
				// 17 with uniqueid; unanswered, so no answer time.
				line("", "004930999", "1002", "from-pstn", "\"\" <004930999>", "SIP/trunk-03", "SIP/1002-04", "Dial",
						"SIP/1002,20", "2026-03-02 10:00:00", null, "2026-03-02 10:00:20", 20, 0, "NO ANSWER", "BILLING",
						"1772442000.1"),
				// 17 with userfield; two extensions in an unknown context: the fallback direction.
				line("", "1003", "1004", "office", "Carl <1003>", "SIP/1003-05", "SIP/1004-06", "Dial", "SIP/1004",
						"2026-03-02 11:00:00", null, "2026-03-02 11:00:03", 3, 0, "BUSY", "BILLING", "vip"),
				// 18: uniqueid and userfield; a fax received, answered but 0 seconds billed.
				line("", "004930888", "1005", "from-trunk", "\"Fax Sender\" <004930888>", "SIP/trunk-07", "",
						"ReceiveFAX", "/var/spool/fax/1.tif", "2026-03-02 12:00:00", "2026-03-02 12:00:01",
						"2026-03-02 12:00:01", 1, 0, "ANSWERED", "BILLING", "1772442000.2", ""),
				// 19: newcdrcolumns alone; the linkedid and sequence identify it.
				line("", "004930777", "1006", "from-trunk", "", "SIP/trunk-08", "", "Dial", "SIP/1006",
						"2026-03-02 13:00:00", null, "2026-03-02 13:00:00", 0, 0, "CONGESTION", "BILLING", "",
						"1772442000.3", 7),
				// 20: uniqueid (with a system name) and newcdrcolumns; a fax sent.
				line("", "1007", "004940123", "from-internal", "\"Sales\" <1007>", "SIP/1007-09", "", "SendFAX",
						"/tmp/out.tif", "2026-03-02 14:00:00", "2026-03-02 14:00:02", "2026-03-02 14:00:32", 32, 30,
						"ANSWERED", "BILLING", "pbx1-1772442000.4", "", "pbx1-1772442000.0", 8),
				// 20: userfield and newcdrcolumns.
				line("", "1008", "004940456", "from-internal", "", "SIP/1008-10", "", "Dial", "SIP/trunk/004940456",
						"2026-03-02 15:00:00", null, "2026-03-02 15:00:01", 1, 0, "FAILED", "BILLING", "x-campaign", "",
						"1772442000.5", 9),
				// 21: everything; the account code is a customer's referenceId.
				line("2001", "1009", "004940789", "from-internal", "\"Dana\" <1009>", "SIP/1009-11", "SIP/trunk-12",
						"Dial", "SIP/trunk/004940789,60", "2026-03-02 16:00:00", "2026-03-02 16:00:10",
						"2026-03-02 16:00:52", 52, 42, "ANSWERED", "BILLING", "1772442000.6", "", "", "1772442000.6",
						10));
		JsonNode result = ok(importFile("asterisk", "&timeZoneId=Europe/Berlin", utf8(file)));
		assertThat(result.get("imported").asLong()).as(result.toString()).isEqualTo(8);
		// Berlin is UTC+1 in March.
		String w = this.walkIn;
		assertThat(withHashesMasked(this.stored.describeAll())).containsExactlyInAnyOrder(
				"sha:HASH = " + w + "|voice|outbound|1001|004930123456|Anne \"Annie\" Lee|2026-03-02T08:00:00Z|"
						+ "2026-03-02T08:00:05Z|2026-03-02T08:01:05Z|65|60|completed",
				"1772442000.1/HASH = " + w + "|voice|inbound|004930999|1002|null|2026-03-02T09:00:00Z|null|"
						+ "2026-03-02T09:00:20Z|20|0|no-answer",
				"sha:HASH = " + w + "|voice|outbound|1003|1004|Carl|2026-03-02T10:00:00Z|null|2026-03-02T10:00:03Z|3|0|"
						+ "busy",
				"1772442000.2/HASH = " + w + "|fax|inbound|004930888|1005|Fax Sender|2026-03-02T11:00:00Z|"
						+ "2026-03-02T11:00:01Z|2026-03-02T11:00:01Z|1|0|answered-unbilled",
				"1772442000.3/7 = " + w + "|voice|inbound|004930777|1006|null|2026-03-02T12:00:00Z|null|"
						+ "2026-03-02T12:00:00Z|0|0|congestion",
				"pbx1-1772442000.4/8 = " + w + "|fax|outbound|1007|004940123|Sales|2026-03-02T13:00:00Z|"
						+ "2026-03-02T13:00:02Z|2026-03-02T13:00:32Z|32|30|completed",
				"1772442000.5/9 = " + w + "|voice|outbound|1008|004940456|null|2026-03-02T14:00:00Z|null|"
						+ "2026-03-02T14:00:01Z|1|0|failed",
				"1772442000.6/10 = " + customer("2001") + "|voice|outbound|1009|004940789|Dana|2026-03-02T15:00:00Z|"
						+ "2026-03-02T15:00:10Z|2026-03-02T15:00:52Z|52|42|completed");
	}

	@Test
	void legsOfOneCallAreRecordsOfTheirOwnAndNoReimportDuplicatesThem() {
		Object[] firstLeg = { "", "004930555", "1010", "from-pstn", "", "SIP/trunk-20", "SIP/1010-21", "Dial",
				"SIP/1010&SIP/1011,30", "2026-03-03 09:00:00", null, "2026-03-03 09:00:30", 30, 0, "NO ANSWER",
				"BILLING", "1772528400.1", "" };
		Object[] secondLeg = firstLeg.clone();
		secondLeg[6] = "SIP/1011-22";
		secondLeg[10] = "2026-03-03 09:00:04";
		secondLeg[11] = "2026-03-03 09:02:04";
		secondLeg[12] = 124;
		secondLeg[13] = 120;
		secondLeg[14] = "ANSWERED";
		String withSequences = line("", "004930556", "1012", "from-pstn", "", "SIP/trunk-23", "SIP/1012-24", "Dial",
				"SIP/1012&SIP/1013,30", "2026-03-03 10:00:00", null, "2026-03-03 10:00:30", 30, 0, "NO ANSWER",
				"BILLING", "1772528400.2", "", "", "1772528400.2", 31);
		String otherSequence = withSequences.substring(0, withSequences.length() - 2) + "32";
		// The first leg twice: the same line is the same record.
		String file = String.join("\n", line(firstLeg), line(secondLeg), line(firstLeg), withSequences, otherSequence);

		JsonNode first = ok(importFile("asterisk", "", utf8(file)));
		assertThat(first.get("read").asLong()).isEqualTo(5);
		assertThat(first.get("imported").asLong()).isEqualTo(4);
		assertThat(first.get("duplicates").asLong()).isEqualTo(1);
		List<String> ids = this.stored.ids();
		assertThat(ids).hasSize(4).contains("1772528400.2/31", "1772528400.2/32");
		assertThat(ids.stream().filter(id -> id.matches("1772528400\\.1/[0-9a-f]{12}"))).hasSize(2);

		JsonNode again = ok(importFile("asterisk", "", utf8(file)));
		assertThat(again.get("imported").asLong()).isZero();
		assertThat(again.get("duplicates").asLong()).isEqualTo(5);
		// The same records with Windows line ends and every field quoted are still the same records.
		String rewritten = file.replace(",,", ",\"\",").replace(",30,0,", ",\"30\",\"0\",").replace("\n", "\r\n");
		JsonNode rewrittenResult = ok(importFile("asterisk", "", utf8(rewritten)));
		assertThat(rewrittenResult.get("imported").asLong()).as(rewrittenResult.toString()).isZero();
		assertThat(this.stored.ids()).isEqualTo(ids);
	}

	@Test
	void bothFreeSwitchTemplates() {
		String file = String.join("\n",
				// Default template, 13 fields, every one quoted; a caller name with quotes.
				quoted("Anne \"Annie\" Lee", "1001", "004930123456", "default", "2026-03-02 09:00:00",
						"2026-03-02 09:00:05", "2026-03-02 09:01:05", "65", "60", "NORMAL_CLEARING",
						"0b1c7f6e-6a30-4c2e-9d57-1d1a3f3f0001", "", "2001"),
				// Example template, 15 fields: NORMAL_CLEARING without an answer is not billable.
				quoted("", "004930999", "1002", "public", "2026-03-02 10:00:00", "", "2026-03-02 10:00:09", "9", "0",
						"NORMAL_CLEARING", "0b1c7f6e-6a30-4c2e-9d57-1d1a3f3f0002", "", "", "PCMA", "PCMA"),
				// No uuid: identified by its content.
				quoted("x", "1003", "1004", "default", "2026-03-02 11:00:00", "2026-03-02 11:00:01",
						"2026-03-02 11:00:11", "11", "10", "NORMAL_CLEARING", "", "", ""),
				// Answered, but 0 seconds billed.
				quoted("", "1003", "1004", "default", "2026-03-02 12:00:00", "2026-03-02 12:00:01",
						"2026-03-02 12:00:01", "0", "0", "NORMAL_CLEARING", "0b1c7f6e-6a30-4c2e-9d57-1d1a3f3f0004", "",
						""),
				quoted("", "1003", "1004", "default", "2026-03-02 12:00:00", "", "", "0", "0", "NORMAL_CLEARING",
						"0b1c7f6e-6a30-4c2e-9d57-1d1a3f3f0005", "", "", "PCMA"));
		JsonNode result = ok(importFile("freeswitch", "&timeZoneId=Europe/Berlin", utf8(file)));
		assertThat(result.get("imported").asLong()).isEqualTo(4);
		assertThat(result.get("rejections").get(0).get("lineNumber").asLong()).isEqualTo(5);
		assertThat(result.get("rejections").get(0).get("reason").asString())
			.isEqualTo("expected 13 or 15 fields of a FreeSWITCH CDR, found 14");
		String w = this.walkIn;
		assertThat(withHashesMasked(this.stored.describeAll())).containsExactlyInAnyOrder(
				"0b1c7f6e-6a30-4c2e-9d57-1d1a3f3f0001 = " + customer("2001") + "|voice|outbound|1001|004930123456|"
						+ "Anne \"Annie\" Lee|2026-03-02T08:00:00Z|2026-03-02T08:00:05Z|2026-03-02T08:01:05Z|65|60|completed",
				"0b1c7f6e-6a30-4c2e-9d57-1d1a3f3f0002 = " + w + "|voice|inbound|004930999|1002|null|"
						+ "2026-03-02T09:00:00Z|null|2026-03-02T09:00:09Z|9|0|normal_clearing",
				"sha:HASH = " + w + "|voice|outbound|1003|1004|x|2026-03-02T10:00:00Z|2026-03-02T10:00:01Z|"
						+ "2026-03-02T10:00:11Z|11|10|completed",
				"0b1c7f6e-6a30-4c2e-9d57-1d1a3f3f0004 = " + w + "|voice|outbound|1003|1004|null|2026-03-02T11:00:00Z|"
						+ "2026-03-02T11:00:01Z|2026-03-02T11:00:01Z|0|0|normal_clearing");
	}

	@Test
	void aFileWithTenPercentGarbageImportsTheRestAndSaysWhichLinesWereNot() {
		List<byte[]> lines = new ArrayList<>();
		for (int i = 1; i <= 100; i++) {
			lines.add((i % 10 == 0) ? garbage(i) : utf8(AsteriskLines.call(i)));
		}
		JsonNode result = ok(importFile("asterisk", "", join(lines)));
		assertThat(result.get("status").asString()).as(result.toString()).isEqualTo("Completed");
		assertThat(result.get("read").asLong()).isEqualTo(100);
		assertThat(result.get("imported").asLong()).isEqualTo(90);
		assertThat(result.get("rejected").asLong()).isEqualTo(10);
		assertThat(result.get("rejections").valueStream()
			.map(r -> r.get("lineNumber").asLong() + ": " + r.get("reason").asString())).containsExactly(
					"10: expected 16 to 21 fields of an Asterisk CDR, found 1",
					"20: expected 16 to 21 fields of an Asterisk CDR, found 25",
					"30: billsec is not a whole number: 'abc'", "40: start is not an ISO-8601 date-time: 'yesterday'",
					"50: start '3/1/2026 00:01:40' is ambiguous (day or month first?): write dates as "
							+ "yyyy-MM-dd HH:mm:ss",
					"60: duration is negative: -5", "70: disposition is empty",
					"80: no customer of this account has the id or referenceId 'nobody'",
					"90: a quoted field is not closed",
					"100: the line holds NUL characters: the file is damaged, or not text");
		// Of the 90 good calls, those numbered by a multiple of 4 were not answered (5 of them were garbage).
		assertThat(this.stored.countBy("status")).containsExactly(Map.entry("completed", 70L),
				Map.entry("no-answer", 20L));
		assertThat(this.stored.describe("1772323200.1/1")).isEqualTo(this.walkIn + "|voice|outbound|1001|"
				+ "00493010000001|Ext 1001|2026-02-28T21:00:02Z|2026-02-28T21:00:06Z|2026-02-28T21:00:08Z|6|2|completed");
	}

	/** A file refused for its rejected lines: 422, with the import's counts and reasons. */
	private static JsonNode refused(ApiResponse response) {
		assertThat(response.status()).as(response.body()).isEqualTo(422);
		return response.json();
	}

	@Test
	void aFileOfMostlyGarbageFailsAndKeepsNothing() {
		List<byte[]> lines = new ArrayList<>();
		for (int i = 1; i <= 10; i++) {
			lines.add((i <= 6) ? utf8("not,a,call,record," + i) : utf8(AsteriskLines.call(i)));
		}
		JsonNode result = refused(importFile("asterisk", "", join(lines)));
		assertThat(result.get("status").asString()).isEqualTo("Error");
		assertThat(result.get("statusMessage").asString()).startsWith("The file was refused: 6 of 10 lines (60%) "
				+ "were rejected, more than the 50% allowed: nothing of the file was imported.");
		assertThat(result.get("rejected").asLong()).isEqualTo(6);
		assertThat(result.get("imported").asLong()).isZero();
		assertThat(this.stored.ids()).isEmpty();
		JsonNode read = ok(admin().get("/calls/imports/" + result.get("id").asString()));
		assertThat(read.get("status").asString()).isEqualTo("Error");
		assertThat(read.get("statusMessage").asString()).isEqualTo(result.get("statusMessage").asString());
		ApiResponse restart = admin().post("/calls/imports/" + result.get("id").asString() + "/restart", null);
		assertThat(restart.status()).isEqualTo(409);
		assertThat(restart.json().get("responseStatus").get("message").asString())
			.endsWith("cannot be restarted: its file was refused; import the file again");
	}

	@Test
	void aFileSavedByASpreadsheet() {
		// What a spreadsheet in a German or Russian locale writes back: a byte-order mark, semicolons,
		// Windows line ends, quotes only where needed, and times day first without seconds.
		String file = "\uFEFF"
				+ ";89245555937;211474;stadion-pstn;\"\"\"89245555937\"\" <89245555937>\";SIP/211474-00000000;;Hangup;;"
				+ "27.01.2024 15:07;27.01.2024 15:07;27.01.2024 15:07;27;27;ANSWERED;DOCUMENTATION;1706368044.0;;;"
				+ "1706368044.0;0\r\n"
				+ ";89245555937;211553;stadion-pstn;\"\"\"89245555937\"\" <89245555937>\";SIP/211553-00000003;"
				+ "SIP/301-00000004;Dial;SIP/301&SIP/200@stadionpbx,60,t;27.01.2024 15:33;;27.01.2024 15:34;60;0;"
				+ "NO ANSWER;DOCUMENTATION;1706369600.6;;;1706369600.6;3\r\n";
		JsonNode result = ok(importFile("asterisk", "", utf8(file)));
		assertThat(result.get("imported").asLong()).as(result.toString()).isEqualTo(2);
		assertThat(this.stored.describeAll()).containsExactly(
				Map.entry("1706368044.0/0", this.walkIn + "|voice|inbound|89245555937|211474|89245555937|"
						+ "2024-01-27T12:07:00Z|2024-01-27T12:07:00Z|2024-01-27T12:07:00Z|27|27|completed"),
				Map.entry("1706369600.6/3", this.walkIn + "|voice|inbound|89245555937|211553|89245555937|"
						+ "2024-01-27T12:33:00Z|null|2024-01-27T12:34:00Z|60|0|no-answer"));
	}

	/** Line {@code i}, broken in the {@code i / 10}th way. */
	private static byte[] garbage(int i) {
		Object[] fields = AsteriskLines.fields(i);
		switch (i / 10) {
			case 1 -> {
				return utf8("garbage");
			}
			case 2 -> {
				return utf8(line(fields) + ",\"a\",\"b\",\"c\",\"d\"");
			}
			case 3 -> fields[13] = "abc";
			case 4 -> fields[9] = "yesterday";
			case 5 -> fields[9] = "3/1/2026 00:01:40";
			case 6 -> fields[12] = -5;
			case 7 -> fields[14] = "";
			case 8 -> fields[0] = "nobody";
			case 9 -> {
				return utf8("\"unclosed," + line(fields));
			}
			default -> {
				// The start of a zip file, or a log cut short by a crash.
				return new byte[] { 'P', 'K', 3, 4, 0, 0, (byte) 0xff, (byte) 0xfe };
			}
		}
		return utf8(line(fields));
	}

	private static String quoted(String... fields) {
		return IntStream.range(0, fields.length)
			.mapToObj(i -> "\"" + fields[i].replace("\"", "\"\"") + "\"")
			.collect(Collectors.joining(","));
	}

	/** Each stored call as {@code id = description}, with hashes in ids shown as {@code HASH}. */
	private static List<String> withHashesMasked(Map<String, String> calls) {
		return calls.entrySet()
			.stream()
			.map(call -> call.getKey().replaceAll("^sha:[0-9a-f]{32}$", "sha:HASH").replaceAll("/[0-9a-f]{12}$", "/HASH")
					+ " = " + call.getValue())
			.toList();
	}

	@Test
	void linesWithoutAnAccountCodeFindTheirCustomerByTheAccountsNumbers() {
		Fixtures fixtures = new Fixtures(admin());
		String carrier = unique("num");
		ok(admin().post("/accounts", Map.of("id", carrier, "name", "Carrier", "timeZoneId", "America/New_York",
				"defaultCountryCode", "1")));
		fixtures.customer(carrier + "-acme", carrier, null, "Acme", "ACME", null);
		fixtures.customer(carrier + "-globex", carrier, null, "Globex", null, null);
		admin().post("/phone-numbers", Map.of("accountId", carrier, "customerId", carrier + "-acme", "number",
				"+12125550100"));
		admin().post("/phone-numbers", Map.of("accountId", carrier, "customerId", carrier + "-globex", "number",
				"+13125550199"));
		StoredCalls calls = new StoredCalls(this.jdbc, carrier);

		String asterisk = String.join("\n",
				// Inbound to Acme's number, dialled in national form: by the called number.
				AsteriskLines.line("", "4155550123", "2125550100", "from-pstn", "", "SIP/trunk-1", "SIP/100-1", "Dial",
						"SIP/100", "2026-03-02 09:00:00", "2026-03-02 09:00:02", "2026-03-02 09:01:02", 62, 60, "ANSWERED",
						"BILLING", "1772460000.1"),
				// Outbound from Globex's number in another form, abroad: by the calling number.
				AsteriskLines.line("", "1 (312) 555-0199", "011442079460000", "from-internal", "", "SIP/200-2",
						"SIP/trunk-2", "Dial", "SIP/trunk", "2026-03-02 10:00:00", "2026-03-02 10:00:03",
						"2026-03-02 10:00:33", 33, 30, "ANSWERED", "BILLING", "1772463600.2"),
				// An account code wins over the numbers.
				AsteriskLines.line("ACME", "3125550199", "4155550123", "from-internal", "", "SIP/200-3", "SIP/trunk-3",
						"Dial", "SIP/trunk", "2026-03-02 11:00:00", "2026-03-02 11:00:01", "2026-03-02 11:00:11", 11, 10,
						"ANSWERED", "BILLING", "1772467200.3"),
				// Neither: rejected, saying which number was looked for.
				AsteriskLines.line("", "6175550000", "4155550123", "from-internal", "", "SIP/300-4", "SIP/trunk-4",
						"Dial", "SIP/trunk", "2026-03-02 12:00:00", "2026-03-02 12:00:01", "2026-03-02 12:00:11", 11, 10,
						"ANSWERED", "BILLING", "1772470800.4"));
		JsonNode result = ok(admin().send("POST", "/calls/import?accountId=" + carrier + "&format=asterisk",
				"text/csv", utf8(asterisk)));
		assertThat(result.get("imported").asLong()).isEqualTo(3);
		assertThat(result.get("customersFoundBy").get("accountCode").asLong()).isEqualTo(1);
		assertThat(result.get("customersFoundBy").get("number").asLong()).isEqualTo(2);
		assertThat(result.get("customersFoundBy").get("defaultCustomer").asLong()).isZero();
		assertThat(result.get("rejections").get(0).get("reason").asString()).isEqualTo("the line names no customer "
				+ "(empty account code), its calling number '6175550000' is none of the account's, and the import "
				+ "has no defaultCustomerId");
		assertThat(describedStartingWith(calls, "1772460000.1/"))
			.startsWith(carrier + "-acme|voice|inbound|");
		assertThat(describedStartingWith(calls, "1772463600.2/"))
			.startsWith(carrier + "-globex|voice|outbound|");
		assertThat(describedStartingWith(calls, "1772467200.3/"))
			.startsWith(carrier + "-acme|voice|outbound|");

		// FreeSWITCH: Globex's number with its country code, in the public context; then a line of nobody's
		// that goes to the default customer.
		String freeswitch = String.join("\n",
				quoted("Globex", "13125550199", "14082186575", "public", "2026-03-03 09:00:00", "2026-03-03 09:00:01",
						"2026-03-03 09:00:31", "31", "30", "NORMAL_CLEARING", "7d2f0000-0000-4000-8000-000000000001", "",
						""),
				quoted("", "2001", "14082186575", "public", "2026-03-03 10:00:00", "2026-03-03 10:00:01",
						"2026-03-03 10:00:31", "31", "30", "NORMAL_CLEARING", "7d2f0000-0000-4000-8000-000000000002", "",
						""));
		JsonNode fromFreeSwitch = ok(admin().send("POST", "/calls/import?accountId=" + carrier
				+ "&format=freeswitch&defaultCustomerId=" + carrier + "-acme", "text/csv", utf8(freeswitch)));
		assertThat(fromFreeSwitch.get("imported").asLong()).isEqualTo(2);
		assertThat(fromFreeSwitch.get("customersFoundBy").get("number").asLong()).isEqualTo(1);
		assertThat(fromFreeSwitch.get("customersFoundBy").get("defaultCustomer").asLong()).isEqualTo(1);
		assertThat(calls.describe("7d2f0000-0000-4000-8000-000000000001")).startsWith(carrier + "-globex|voice|outbound|");
		assertThat(calls.describe("7d2f0000-0000-4000-8000-000000000002")).startsWith(carrier + "-acme|voice|outbound|");
	}

	/** The one stored call whose id starts so (a uniqueid, then a hash of the line). */
	private static String describedStartingWith(StoredCalls calls, String prefix) {
		return calls.describeAll()
			.entrySet()
			.stream()
			.filter(call -> call.getKey().startsWith(prefix))
			.map(Map.Entry::getValue)
			.reduce((one, two) -> {
				throw new IllegalStateException("two calls start with " + prefix);
			})
			.orElseThrow();
	}

	private ApiResponse importFile(String format, String query, byte[] content) {
		return admin().send("POST", "/calls/import?accountId=" + this.account + "&format=" + format
				+ "&defaultCustomerId=" + this.walkIn + query, "text/csv", content);
	}

	private String customer(String extension) {
		return this.account + "-ext" + extension;
	}

	private static byte[] sample(String name) throws IOException {
		try (InputStream in = SwitchImportTest.class.getResourceAsStream("/cdr/" + name)) {
			return in.readAllBytes();
		}
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] join(List<byte[]> lines) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] line : lines) {
			out.writeBytes(line);
			out.write('\n');
		}
		return out.toByteArray();
	}

}
