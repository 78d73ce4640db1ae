package org.billingreports.ratedecks;

import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.billingreports.support.ApiResponse;
import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.GatedJobs;
import org.billingreports.support.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingreports.support.Fixtures.item;
import static org.billingreports.support.Fixtures.ok;
import static org.billingreports.support.RatingGate.GATE;

/**
 * A report over Asterisk and FreeSWITCH files whose calls carry no carrier cost, priced by rate decks
 * down the customer tree; every amount below is worked out by hand from the decks.
 */
@GatedJobs
class RateDeckReportTest extends ApiTestSupport {

	private static final String RETAIL_V1 = String.join("\n", RateDeckUploadTest.HEADER,
			"1,USA and Canada,0,0.01,60,60,60,0,2026-01-01,",
			"44,United Kingdom,0,0.05,60,1,1,0,2026-01-01,",
			"447,UK mobile,0.15,0.01,60,60,60,0,2026-01-01,",
			"4420,London,0,0.02,60,30,6,0,2026-01-01,",
			"4420,London from March 3,0,0.03,60,30,6,0,2026-03-03,");

	private static final String WHOLESALE = RateDeckUploadTest.HEADER + "\n44,United Kingdom,0,0.01,60,1,1,0,2026-01-01,";

	@Autowired
	JdbcClient jdbc;

	private String account;

	@Test
	void switchCallsArePricedByTheDeckOfTheirCustomerByLongestPrefixInForceAtTheirStart() throws IOException {
		this.account = unique("decks");
		Fixtures fixtures = new Fixtures(admin());
		Map<String, Object> passOnWithMargin = Map.of("outboundVoiceCalls", item("0", "1.5", "0", 0),
				"inboundVoiceCalls", item("0", "1.5", "0", 0));
		ok(admin().post("/accounts", Map.of("id", this.account, "name", "Carrier", "timeZoneId", "America/New_York",
				"defaultCountryCode", "1", "billingSettings", passOnWithMargin)));
		String retail = deck("Retail", RETAIL_V1);
		String wholesale = deck("Wholesale", WHOLESALE);
		putAccount(Map.of("rateDeckId", retail));
		fixtures.customer(id("acme"), this.account, null, "Acme", null, null);
		ok(admin().post("/customers", Map.of("id", id("sub"), "accountId", this.account, "parentCustomerId", id("acme"),
				"name", "Acme Sub", "rateDeckId", wholesale)));
		fixtures.customer(id("subsub"), this.account, id("sub"), "Acme Sub Sub", null, null);
		fixtures.customer(id("globex"), this.account, null, "Globex", null, null);
		number("acme", "+12125550100");
		number("sub", "+12125550111");
		number("subsub", "+12125550122");
		number("globex", "+13125550199");

		String asterisk = String.join("\n",
				// Acme, by the account's deck (Retail):
				// London 30/6: 75 s bill 78 s, 78 × 0.02 / 60 = 0.026
				outbound("2125550100", "011442079460000", "2026-03-02 09:00:00", 75, "1772460001.1"),
				// UK mobile: 0.15 + three started minutes at 0.01 = 0.18
				outbound("2125550100", "011447911123456", "2026-03-02 09:10:00", 150, "1772460001.2"),
				// United Kingdom 1/1: 60 × 0.05 / 60 = 0.05
				outbound("2125550100", "011443069990000", "2026-03-02 09:20:00", 60, "1772460001.3"),
				// A national number is +1: 61 s in 60/60 bill 120 s, 120 × 0.01 / 60 = 0.02
				outbound("2125550100", "4155550123", "2026-03-02 09:30:00", 61, "1772460001.4"),
				// London's rate from March 3: 32 s bill 36 s, 36 × 0.03 / 60 = 0.018
				outbound("2125550100", "011442079460001", "2026-03-03 10:00:00", 32, "1772460001.5"),
				// Not answered: nothing, by London's prefix
				outbound("2125550100", "011442079460002", "2026-03-03 10:10:00", 0, "1772460001.6"),
				// Inbound: Retail has no inbound rates, so the carrier's cost (none) stays
				line("", "4155550123", "2125550100", "from-pstn", "2026-03-02 12:00:00", 60, "1772460002.1"),
				// Acme Sub, by its own deck (Wholesale, 44 at 0.01 in 1/1): 75 × 0.01 / 60 = 0.0125
				outbound("2125550111", "011442079460000", "2026-03-02 11:00:00", 75, "1772460003.1"),
				// Acme Sub Sub inherits Wholesale: 59 × 0.01 / 60 = 0.00983333…
				outbound("2125550122", "011447911123456", "2026-03-02 11:10:00", 59, "1772460004.1"));
		JsonNode imported = ok(admin().send("POST", "/calls/import?accountId=" + this.account + "&format=asterisk",
				"text/csv", asterisk));
		assertThat(imported.get("imported").asLong()).isEqualTo(9);
		String freeswitch = String.join("\n",
				// Globex: France is in no deck: unmatched.
				quoted("Globex", "13125550199", "01133142000000", "public", "2026-03-03 09:00:00",
						"2026-03-03 09:00:01", "2026-03-03 09:00:31", "31", "30", "NORMAL_CLEARING",
						"6a1f0000-0000-4000-8000-00000000000a", "", ""),
				// 30 s in 60/60 bill 60 s: 0.01
				quoted("Globex", "13125550199", "14082186575", "public", "2026-03-03 09:10:00", "2026-03-03 09:10:01",
						"2026-03-03 09:10:31", "31", "30", "NORMAL_CLEARING", "6a1f0000-0000-4000-8000-00000000000b", "",
						""));
		assertThat(ok(admin().send("POST", "/calls/import?accountId=" + this.account + "&format=freeswitch",
				"text/csv", freeswitch)).get("imported").asLong()).isEqualTo(2);

		// Unmatched calls fail the report by default, saying which.
		Map<String, Object> march = Map.of("accountId", this.account, "startDate", "2026-03-01", "endDate",
				"2026-03-31");
		JsonNode failed = fixtures.runReport(march);
		assertThat(failed.get("status").asString()).isEqualTo("Error");
		assertThat(failed.get("statusMessage").asString()).contains("1 call matches no prefix of its rate deck (e.g. "
				+ "call 6a1f0000-0000-4000-8000-00000000000a, number 01133142000000, deck 'Retail')");
		String reportId = failed.get("id").asString();

		// A correction of Retail (UK mobile's connect fee 0.10) does not change the report, which keeps the
		// versions it rated with; billing unmatched calls at 0.10 a minute lets it complete on restart.
		deck("Retail", RETAIL_V1.replace("447,UK mobile,0.15", "447,UK mobile,0.10"));
		putAccount(Map.of("rateDeckId", retail, "unmatchedCalls", "fallback", "fallbackRate", "0.10"));
		assertThat(admin().post("/reports/" + reportId + "/restart", Map.of()).status()).isEqualTo(200);
		JsonNode completed = fixtures.awaitEnd(reportId);
		assertThat(completed.get("status").asString()).as(completed.toString()).isEqualTo("Completed");
		assertThat(completed.get("statusMessage").asString()).endsWith("; 1 call matches no prefix of its rate deck "
				+ "(e.g. call 6a1f0000-0000-4000-8000-00000000000a, number 01133142000000, deck 'Retail'), billed at the "
				+ "fallback rate");
		assertThat(decksOf(completed)).containsExactly("Retail v1", "Wholesale v1");
		assertThat(consolePage("/console/reports/" + reportId)).contains("<dd id=\"rate-decks\">Retail v1, Wholesale v1</dd>");

		assertThat(billingFile(reportId)).containsExactly(
				"Customer,Item,Quantity,Allowance,Billable,Unit Cost,Base Cost,Raw Cost,Amount",
				// Each has a number, which costs nothing here.
				"Acme,LocalNumbers,1,0,1,0,0,0,0.00",
				"Acme,InboundVoiceCalls,1,0,1,0,0,0,0.00",
				// 0.026 + 0.18 + 0.05 + 0.02 + 0.018 = 0.294; × 1.5 = 0.441
				"Acme,OutboundVoiceCalls,9,0,9,0,0,0.294,0.44",
				"Acme Sub,LocalNumbers,1,0,1,0,0,0,0.00",
				// 0.0125 × 1.5 = 0.01875
				"Acme Sub,OutboundVoiceCalls,2,0,2,0,0,0.0125,0.02",
				"Acme Sub Sub,LocalNumbers,1,0,1,0,0,0,0.00",
				// 0.0098333333 × 1.5 = 0.01474999995: rounded once, at the line
				"Acme Sub Sub,OutboundVoiceCalls,1,0,1,0,0,0.0098333333,0.01",
				"Globex,LocalNumbers,1,0,1,0,0,0,0.00",
				// fallback 1 minute × 0.10 + 0.01 = 0.11; × 1.5 = 0.165
				"Globex,OutboundVoiceCalls,2,0,2,0,0,0.11,0.17");

		// The lines say which deck priced their calls; the carrier's lines name none.
		Map<String, String> decksOfLines = new LinkedHashMap<>();
		ok(admin().get("/reports/" + reportId + "/lines")).get("customers").forEach(customer -> customer.get("lines")
			.forEach(line -> decksOfLines.put(customer.get("customerName").asString() + " " + line.get("item").asString(),
					line.has("rateDeck") ? line.get("rateDeck").asString() : "-")));
		assertThat(decksOfLines).containsExactly(Map.entry("Acme LocalNumbers", "-"),
				Map.entry("Acme InboundVoiceCalls", "-"), Map.entry("Acme OutboundVoiceCalls", "Retail v1"),
				Map.entry("Acme Sub LocalNumbers", "-"), Map.entry("Acme Sub OutboundVoiceCalls", "Wholesale v1"),
				Map.entry("Acme Sub Sub LocalNumbers", "-"), Map.entry("Acme Sub Sub OutboundVoiceCalls", "Wholesale v1"),
				Map.entry("Globex LocalNumbers", "-"), Map.entry("Globex OutboundVoiceCalls", "Retail v1"));

		Map<String, CSVRecord> calls = callDetail(reportId);
		assertThat(pricing(calls, "1772460001.1")).isEqualTo("deck|Retail v1|4420|0.026");
		assertThat(pricing(calls, "1772460001.2")).isEqualTo("deck|Retail v1|447|0.18");
		assertThat(pricing(calls, "1772460001.3")).isEqualTo("deck|Retail v1|44|0.05");
		assertThat(pricing(calls, "1772460001.4")).isEqualTo("deck|Retail v1|1|0.02");
		assertThat(pricing(calls, "1772460001.5")).isEqualTo("deck|Retail v1|4420|0.018");
		assertThat(pricing(calls, "1772460001.6")).isEqualTo("deck|Retail v1|4420|0");
		assertThat(pricing(calls, "1772460002.1")).isEqualTo("carrier|||0");
		assertThat(pricing(calls, "1772460003.1")).isEqualTo("deck|Wholesale v1|44|0.0125");
		assertThat(pricing(calls, "1772460004.1")).isEqualTo("deck|Wholesale v1|44|0.0098333333");
		assertThat(pricing(calls, "6a1f0000-0000-4000-8000-00000000000a")).isEqualTo("fallback|Retail v1||0.1");
		assertThat(pricing(calls, "6a1f0000-0000-4000-8000-00000000000b")).isEqualTo("deck|Retail v1|1|0.01");

		// Run again, the report rates with the corrected deck: UK mobile 0.10 + 0.03 = 0.13, Acme 0.244 × 1.5.
		JsonNode again = fixtures.runReport(march);
		assertThat(decksOf(again)).containsExactly("Retail v2", "Wholesale v1");
		assertThat(billingFile(again.get("id").asString())).contains("Acme,OutboundVoiceCalls,9,0,9,0,0,0.244,0.37");
	}

	@AfterEach
	void openGate() {
		GATE.releaseAll();
	}

	/**
	 * A deck prices each item by its own rates, an inbound call by its calling number (where it came
	 * from), an SMS as one message.
	 */
	@Test
	void inboundCallsArePricedByTheCallingNumberAndMessagesPerMessage() throws IOException {
		this.account = unique("deckin");
		ok(admin().post("/accounts", Map.of("id", this.account, "name", "Carrier", "timeZoneId", "UTC",
				"billingSettings", Map.of("inboundVoiceCalls", item("0", "1", "0", 0), "outboundSmsMessages",
						item("0", "1", "0", 0)))));
		String deck = ok(RateDeckUploadTest.upload(admin(), "accountId=" + this.account + "&name=Items",
				RateDeckUploadTest.HEADER + ",item\n"
						+ "44,UK callers,0,0.006,60,60,60,0,2026-01-01,,inboundVoiceCalls\n"
						+ "447,UK mobiles,0.001,0.04,60,60,60,0,2026-01-01,,outboundSmsMessages\n"))
			.get("deck")
			.get("id")
			.asString();
		putAccount(Map.of("rateDeckId", deck, "unmatchedCalls", "fallback", "fallbackRate", "0.5"));
		new Fixtures(admin()).customer(id("c"), this.account, null, "C", null, null);
		new Fixtures(admin()).importCalls(this.account, String.join("\n",
				"callId,customerId,channel,direction,from,to,startTime,billableSeconds,status",
				// From the United Kingdom to a French number: by the calling number, 44. 60 × 0.006 / 60.
				"in-uk," + id("c") + ",voice,inbound,+442079460000,+33142000000,2026-03-02T08:00:00Z,60,completed",
				// From France to a UK number: no prefix of the caller's, so the fallback rate.
				"in-fr," + id("c") + ",voice,inbound,+33142000000,+442079460000,2026-03-02T09:00:00Z,60,completed",
				// An SMS to a UK mobile: 0.001 + 0.04, whatever its seconds.
				"sms-uk," + id("c") + ",sms,outbound,+12125550100,+447911123456,2026-03-02T10:00:00Z,0,completed"));

		JsonNode report = new Fixtures(admin()).runReport(Map.of("accountId", this.account, "startDate",
				"2026-03-01", "endDate", "2026-03-31"));
		assertThat(report.get("status").asString()).as(report.toString()).isEqualTo("Completed");
		String reportId = report.get("id").asString();
		Map<String, CSVRecord> calls = callDetail(reportId);
		assertThat(pricing(calls, "in-uk")).isEqualTo("deck|Items v1|44|0.006");
		assertThat(pricing(calls, "in-fr")).isEqualTo("fallback|Items v1||0.5");
		assertThat(pricing(calls, "sms-uk")).isEqualTo("deck|Items v1|447|0.041");
		assertThat(billingFile(reportId)).containsExactly(
				"Customer,Item,Quantity,Allowance,Billable,Unit Cost,Base Cost,Raw Cost,Amount",
				"C,InboundVoiceCalls,2,0,2,0,0,0.506,0.51", "C,OutboundSmsMessages,1,0,1,0,0,0.041,0.04");
	}

	/** A range priced by a deck whose row exists already (copied on PostgreSQL) is rated again keeping it. */
	@Test
	void aRowThatExistsAlreadyIsKeptAndNotWrittenTwice() throws InterruptedException {
		this.account = unique("deckdup");
		ok(admin().post("/accounts", Map.of("id", this.account, "name", "Carrier", "timeZoneId", "UTC",
				"billingSettings", Map.of("outboundVoiceCalls", item("0", "1", "0", 0)))));
		putAccount(Map.of("rateDeckId", deck("Retail", RETAIL_V1)));
		new Fixtures(admin()).customer(id("c"), this.account, null, "C", null, null);
		StringBuilder csv = new StringBuilder("callId,customerId,channel,direction,from,to,startTime,billableSeconds,"
				+ "status\n");
		for (int i = 0; i < 6; i++) {
			csv.append("d").append(i).append(',').append(id("c")).append(",voice,outbound,+12125550100,+442079460000,")
				.append("2026-03-02T08:00:00,60,completed\n");
		}
		new Fixtures(admin()).importCalls(this.account, csv.toString());
		long first = this.jdbc.sql("SELECT MIN(id) FROM call_record WHERE account_id = ?")
			.param(this.account)
			.query(Long.class)
			.single();
		CountDownLatch held = GATE.hold(id("c"));
		String report = ok(admin().post("/reports/billing", Map.of("accountId", this.account, "startDate",
				"2026-03-01", "endDate", "2026-03-31"))).get("id").asString();
		assertThat(held.await(60, TimeUnit.SECONDS)).isTrue();
		this.jdbc.sql("INSERT INTO billing_row (report_id, version, call_record_id, customer_id, item, units, raw_cost, "
				+ "pricing) VALUES (?, 1, ?, ?, 4, 1, 0.02, 'deck')").params(report, first, id("c")).update();
		GATE.releaseAll();

		assertThat(new Fixtures(admin()).awaitEnd(report).get("status").asString()).isEqualTo("Completed");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM billing_row WHERE report_id = ?").param(report)
			.query(Long.class).single()).isEqualTo(6);
		// London 30/6 for 60 s: 60 × 0.02 / 60 = 0.02 each.
		assertThat(billingFile(report)).contains("C,OutboundVoiceCalls,6,0,6,0,0,0.12,0.12");
	}

	/** A console page as an administrator signed in with the console's form sees it. */
	private String consolePage(String path) {
		String session = anonymous().consoleSession(ADMIN, ADMIN_PASSWORD);
		ApiResponse page = anonymous().exchange("GET", path, Map.of("Cookie", session, "Accept", "text/html"), null);
		assertThat(page.status()).as(page.body()).isEqualTo(200);
		return page.body();
	}

	private String id(String name) {
		return this.account + "-" + name;
	}

	private String deck(String name, String csv) {
		return ok(RateDeckUploadTest.upload(admin(), "accountId=" + this.account + "&name=" + name, csv)).get("deck")
			.get("id")
			.asString();
	}

	/** The account as the test made it, with these rating settings. */
	private void putAccount(Map<String, Object> rating) {
		JsonNode current = ok(admin().get("/accounts/" + this.account));
		Map<String, Object> account = new LinkedHashMap<>();
		account.put("name", current.get("name").asString());
		account.put("timeZoneId", current.get("timeZoneId").asString());
		account.put("defaultCountryCode", current.has("defaultCountryCode") ? current.get("defaultCountryCode").asString()
				: null);
		account.put("billingSettings", current.get("billingSettings"));
		account.put("rating", rating);
		ok(admin().put("/accounts/" + this.account, account));
	}

	private void number(String customer, String number) {
		ok(admin().post("/phone-numbers", Map.of("accountId", this.account, "customerId", id(customer), "number",
				number)));
	}

	/** An Asterisk line of an outbound call from one of the account's numbers; answered when it talked. */
	private static String outbound(String from, String to, String start, long billsec, String uniqueId) {
		return line("", from, to, "from-internal", start, billsec, uniqueId);
	}

	private static String line(String accountCode, String from, String to, String context, String start, long billsec,
			String uniqueId) {
		String end = start.substring(0, 17) + String.format("%02d", 0);
		return Stream.of("\"" + accountCode + "\"", "\"" + from + "\"", "\"" + to + "\"", "\"" + context + "\"", "\"\"",
				"\"SIP/a\"", "\"SIP/b\"", "\"Dial\"", "\"SIP/trunk\"", "\"" + start + "\"",
				(billsec > 0) ? "\"" + start + "\"" : "", "\"" + end + "\"", String.valueOf(billsec),
				String.valueOf(billsec), (billsec > 0) ? "\"ANSWERED\"" : "\"NO ANSWER\"", "\"BILLING\"",
				"\"" + uniqueId + "\"")
			.collect(Collectors.joining(","));
	}

	private static String quoted(String... fields) {
		return Stream.of(fields).map(field -> "\"" + field + "\"").collect(Collectors.joining(","));
	}

	private static List<String> decksOf(JsonNode report) {
		return report.get("rateDecks")
			.valueStream()
			.map(deck -> deck.get("name").asString() + " v" + deck.get("version").asInt())
			.toList();
	}

	private List<String> billingFile(String reportId) {
		return List.of(admin().get("/reports/" + reportId + ".csv").body().split("\r\n"));
	}

	/** The per-call detail by call id; Asterisk ids carry a hash after a slash. */
	private Map<String, CSVRecord> callDetail(String reportId) throws IOException {
		String body = admin().get("/reports/" + reportId + "/calls.csv").body();
		Map<String, CSVRecord> calls = new LinkedHashMap<>();
		for (CSVRecord call : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
			.parse(new StringReader(body))) {
			String callId = call.get("callId");
			calls.put(callId.contains("/") ? callId.substring(0, callId.indexOf('/')) : callId, call);
		}
		return calls;
	}

	private static String pricing(Map<String, CSVRecord> calls, String callId) {
		CSVRecord call = calls.get(callId);
		assertThat(call).as(callId + " in " + calls.keySet()).isNotNull();
		return call.get("pricing") + "|" + call.get("rateDeck") + "|" + call.get("ratePrefix") + "|"
				+ call.get("rawCost");
	}

}
