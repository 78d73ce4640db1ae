package org.billingreports.report;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.billingreports.kernel.ReportVersion;
import org.billingreports.scheduling.LateDataReruns;
import org.billingreports.scheduling.NightlyRuns;
import org.billingreports.statement.ReportFiles;
import org.billingreports.support.Api;
import org.billingreports.support.ApiResponse;
import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;
import org.billingreports.support.OutOfDateReports;
import org.billingreports.support.WebhookReceiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.billingreports.support.Fixtures.item;
import static org.billingreports.support.Fixtures.ok;
import static org.billingreports.support.RatingGate.GATE;

/**
 * Reports that stay true, as an operator meets them: late call records of a nightly report's day mark it
 * out of date (with the right count, announced once) and, once they stop arriving, make its version 2,
 * which differs from version 1 by exactly those calls and equals a fresh report of the day; calls stored
 * while a report runs count as late; a corrected record marks the versions that billed it, and version 1
 * is made again, byte for byte, from its own revisions; a deck upload and a price change mark exactly the
 * reports they touch; {@code flag} marks without rerunning; nothing is rerun outside the window. H2 here;
 * {@link OutOfDatePostgresTest} on PostgreSQL.
 */
@OutOfDateReports
class OutOfDateTest extends ApiTestSupport {

	static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

	static final WebhookReceiver RECEIVER = new WebhookReceiver();

	static {
		SMTP.start();
	}

	@DynamicPropertySource
	static void mailServer(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
	}

	private static final String HEADER = "callId,customerId,channel,direction,startTime,billableSeconds,status,"
			+ "carrierCost\n";

	@Autowired
	NightlyRuns nightly;

	@Autowired
	LateDataReruns reruns;

	@Autowired
	ReportFiles files;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void openGate() {
		GATE.releaseAll();
	}

	@Test
	void lateCallsOfANightlyReportMarkItOnceAndItIsRerunWhenTheyStopArriving() throws Exception {
		String hook = unique("late");
		String mail = hook + "@example.com";
		String account = nightlyAccount("rerun", RECEIVER.url(hook), mail);
		LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(1);
		importCalls(account, call("n1", account + "-a", day, "10:00:00", 60, "0.02")
				+ call("n2", account + "-b", day, "11:00:00", 120, "0.03"));
		this.nightly.runFor(Instant.now());
		String id = NightlyRuns.reportId(account, day);
		Fixtures fixtures = new Fixtures(admin());
		assertThat(fixtures.awaitEnd(id).get("status").asString()).isEqualTo("Completed");
		byte[] versionOneFile = admin().get("/reports/" + id + ".csv").bodyBytes();
		byte[] versionOneWorkbook = admin().get("/reports/" + id + ".xlsx").bodyBytes();

		// A switch file of the day arrives late, in two pieces.
		importCalls(account, call("l1", account + "-a", day, "22:00:00", 60, "0.05")
				+ call("l2", account + "-b", day, "22:30:00", 30, "0.01"));
		JsonNode marked = awaitReason(id, "lateCalls", 2);
		assertThat(marked.get("outOfDate").asBoolean()).isTrue();
		assertThat(marked.get("version").asInt()).isOne();
		assertThat(marked.get("outOfDateReasons")).hasSize(1);
		JsonNode reason = marked.get("outOfDateReasons").get(0);
		assertThat(reason.get("detail").asString()).isEqualTo("2 call records of the period were stored after this "
				+ "version rated it");
		assertThat(reason.has("since")).isTrue();
		importCalls(account, call("l3", account + "-a", day, "23:59:59", 61, "0.04"));
		awaitReason(id, "lateCalls", 3);
		await().atMost(Duration.ofSeconds(20)).until(() -> events(hook, "report.outOfDate").size() == 1);
		JsonNode event = Api.JSON.readTree(events(hook, "report.outOfDate").get(0).text());
		assertThat(event.get("announced")).extracting(JsonNode::asString).containsExactly("lateCalls");
		assertThat(event.get("report").get("outOfDate").asBoolean()).isTrue();
		// A kind announced for a version is not announced again: the third call made no second event.
		assertThat(notifications(id, "report.outOfDate", "webhook")).isOne();
		MimeMessage outOfDateMail = awaitMail(mail, "is out of date (version 1)");
		assertThat(GreenMailUtil.getBody(outOfDateMail)).contains("lateCalls (");

		// The console: the badge in the list, the reasons and the rerun button on the report's page.
		String session = anonymous().consoleSession(ADMIN, ADMIN_PASSWORD);
		String list = page(session, "/console/reports?accountId=" + account);
		assertThat(list.substring(list.indexOf("id=\"report-" + id + "\""))).contains("class=\"stale\"");
		assertThat(page(session, "/console/reports/" + id)).contains("id=\"out-of-date\"")
			.contains("id=\"reason-lateCalls\"")
			.contains("3 call records of the period were stored after this version rated it")
			.contains("id=\"rerun\"");

		// Not quiet yet: nothing; once quiet for ten minutes: one new version, however often asked.
		assertThat(this.reruns.rerunDue(Instant.now())).isEmpty();
		Instant quiet = Instant.now().plus(Duration.ofMinutes(11));
		assertThat(this.reruns.rerunDue(quiet)).containsExactly(new ReportVersion(id, 2));
		assertThat(this.reruns.rerunDue(quiet)).isEmpty();
		await().atMost(Duration.ofSeconds(60)).until(() -> ok(admin().get("/reports/" + id)).get("version").asInt() == 2);
		JsonNode two = ok(admin().get("/reports/" + id));
		assertThat(two.get("status").asString()).isEqualTo("Completed");
		assertThat(two.get("outOfDate").asBoolean()).isFalse();
		assertThat(two.get("statusMessage").asString()).startsWith("2 customers, 5 calls");
		JsonNode versions = ok(admin().get("/reports/" + id + "/versions")).get("versions");
		assertThat(versions).hasSize(2);
		assertThat(versions.get(0).get("startedBy").asString()).isEqualTo("nightly");
		assertThat(versions.get(1).get("startedBy").asString()).isEqualTo("automaticRerun");
		assertThat(versions.get(1).get("reasons").get(0).get("kind").asString()).isEqualTo("lateCalls");
		assertThat(versions.get(1).get("reasons").get(0).get("count").asLong()).isEqualTo(3);
		assertThat(this.reruns.rerunDue(Instant.now().plus(Duration.ofHours(3)))).as("version 2 is up to date")
			.isEmpty();

		// Version 2 differs from version 1 by exactly the late calls, per line and per call.
		JsonNode changes = ok(admin().get("/reports/" + id + "/changes"));
		assertThat(changes.get("from").asInt()).isOne();
		assertThat(changes.get("to").asInt()).isEqualTo(2);
		assertThat(changes.get("callsAdded").asLong()).isEqualTo(3);
		assertThat(changes.get("callsRemoved").asLong()).isZero();
		assertThat(changes.get("callsRepriced").asLong()).isZero();
		BigDecimal linesDifference = changes.get("lines")
			.valueStream()
			.map(line -> line.get("amountDifference").decimalValue())
			.reduce(BigDecimal.ZERO, BigDecimal::add);
		assertThat(changes.get("totalDifference").decimalValue()).isEqualByComparingTo(linesDifference)
			.isEqualByComparingTo(changes.get("totalAfter").decimalValue().subtract(changes.get("totalBefore").decimalValue()))
			.isPositive();
		assertThat(changes.get("lines")).hasSize(2);
		JsonNode lineA = changes.get("lines").get(0);
		assertThat(lineA.get("customerId").asString()).isEqualTo(account + "-a");
		assertThat(lineA.get("item").asString()).isEqualTo("OutboundVoiceCalls");
		assertThat(lineA.get("quantityBefore").asLong()).isOne();
		assertThat(lineA.get("quantityAfter").asLong()).isEqualTo(4);
		assertThat(lineA.get("rawCostBefore").decimalValue()).isEqualByComparingTo("0.02");
		assertThat(lineA.get("rawCostAfter").decimalValue()).isEqualByComparingTo("0.11");
		List<CSVRecord> calls = csv(admin().get("/reports/" + id + "/changes.csv"));
		assertThat(calls).extracting(call -> call.get("callId") + " " + call.get("change") + " " + call.get("unitsAfter")
				+ " " + call.get("rawCostAfter"))
			.containsExactly("l1 added 1 0.05", "l2 added 1 0.01", "l3 added 2 0.04");
		List<CSVRecord> adjustment = csv(admin().get("/reports/" + id + "/adjustment.csv"));
		assertThat(adjustment.get(0).toMap().keySet()).containsExactly("Customer", "Customer ID", "Item", "Quantity",
				"Allowance", "Billable", "Unit Cost", "Base Cost", "Raw Cost", "Amount");
		assertThat(adjustment.stream().map(line -> new BigDecimal(line.get("Amount"))).reduce(BigDecimal.ZERO,
				BigDecimal::add)).isEqualByComparingTo(changes.get("totalDifference").decimalValue());
		assertThat(adjustment.get(0).get("Quantity")).isEqualTo("3");

		// The console: both versions with what made the second, and the changes between them.
		String reportPage = page(session, "/console/reports/" + id);
		assertThat(reportPage).contains("id=\"versions\"").contains("id=\"version-2\"").contains("automaticRerun")
			.contains("from version 1").doesNotContain("id=\"out-of-date\"");
		assertThat(page(session, "/console/reports/" + id + "/changes")).contains("3 added, 0 removed, 0 repriced")
			.contains(changes.get("totalDifference").decimalValue().toPlainString())
			.contains("id=\"adjustment-csv\"");

		// Version 2's file is a fresh report's of the day; version 1's is as it was, and still downloadable.
		JsonNode fresh = fixtures.runReport(Map.of("accountId", account, "startDate", day.toString(), "endDate",
				day.toString(), "includeCustomerIds", true));
		assertThat(admin().get("/reports/" + id + ".csv").body())
			.isEqualTo(admin().get("/reports/" + fresh.get("id").asString() + ".csv").body());
		assertThat(admin().get("/reports/" + id + ".csv?version=1").bodyBytes()).isEqualTo(versionOneFile);
		assertThat(admin().get("/reports/" + id + ".xlsx?version=1").bodyBytes()).isEqualTo(versionOneWorkbook);

		// Its end is notified as version 2, saying why it was made.
		await().atMost(Duration.ofSeconds(20)).until(() -> events(hook, "report.completed").size() == 2);
		JsonNode completed = Api.JSON.readTree(events(hook, "report.completed").get(1).text());
		assertThat(completed.get("report").get("version").asInt()).isEqualTo(2);
		assertThat(completed.get("madeBecause").get(0).get("kind").asString()).isEqualTo("lateCalls");
	}

	@Test
	void callsStoredWhileAReportRunsCountAsLate() throws Exception {
		String account = account();
		importCalls(account, call("w1", account + "-a", LocalDate.parse("2026-07-02"), "10:00:00", 60, "0.02"));
		CountDownLatch held = GATE.hold(account + "-a");
		String id = ok(admin().post("/reports/billing", july(account))).get("id").asString();
		assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
		importCalls(account, call("w2", account + "-a", LocalDate.parse("2026-07-03"), "10:00:00", 60, "0.02"));
		GATE.release(account + "-a");
		assertThat(new Fixtures(admin()).awaitEnd(id).get("statusMessage").asString()).startsWith("1 customers, 1 calls");
		awaitReason(id, "lateCalls", 1);
	}

	@Test
	void aCorrectedRecordMarksTheVersionThatBilledItAndVersionOneIsMadeAgainByteForByte() throws Exception {
		String account = account();
		importCalls(account, call("r1", account + "-a", LocalDate.parse("2026-07-02"), "10:00:00", 60, "0.02")
				+ call("r2", account + "-b", LocalDate.parse("2026-07-02"), "11:00:00", 60, "0.02"));
		String id = new Fixtures(admin()).runReport(july(account)).get("id").asString();
		byte[] file = admin().get("/reports/" + id + ".csv").bodyBytes();
		byte[] workbook = admin().get("/reports/" + id + ".xlsx").bodyBytes();
		byte[] calls = admin().get("/reports/" + id + "/calls.csv").bodyBytes();

		JsonNode corrected = ok(admin().send("POST", "/calls/import?onDuplicate=replace&accountId=" + account,
				"text/csv", HEADER + call("r1", account + "-a", LocalDate.parse("2026-07-02"), "10:00:00", 300, "0.09")));
		assertThat(corrected.get("corrected").asLong()).isOne();
		JsonNode marked = awaitReason(id, "correctedCalls", 1);
		assertThat(marked.get("outOfDateReasons")).as("a correction is no late call").hasSize(1);

		// The console's rerun button makes version 2.
		ApiResponse rerun = anonymous().exchange("POST", "/console/reports/" + id + "/rerun",
				Map.of("Cookie", anonymous().consoleSession(ADMIN, ADMIN_PASSWORD), "Content-Type",
						"application/x-www-form-urlencoded"), new byte[0]);
		assertThat(rerun.status()).as(rerun.body()).isEqualTo(302);
		assertThat(rerun.header("Location")).endsWith("/console/reports/" + id + "?version=2");
		await().atMost(Duration.ofSeconds(60)).until(() -> ok(admin().get("/reports/" + id)).get("version").asInt() == 2);
		assertThat(admin().get("/reports/" + id + ".csv").body()).contains("-a,OutboundVoiceCalls,5,0,5,0.01,0,0.09,0.14");
		JsonNode changes = ok(admin().get("/reports/" + id + "/changes?from=1&to=2"));
		assertThat(changes.get("callsRepriced").asLong()).isOne();
		assertThat(changes.get("callsAdded").asLong()).isZero();
		assertThat(csv(admin().get("/reports/" + id + "/changes.csv?from=1&to=2")))
			.extracting(call -> call.get("callId") + " " + call.get("change") + " " + call.get("unitsBefore") + "→"
					+ call.get("unitsAfter"))
			.containsExactly("r1 repriced 1→5");

		// Version 1 made again from scratch, on a node without its files: byte for byte, from its own revisions.
		this.files.deleteAll(new ReportVersion(id, 1));
		assertThat(admin().get("/reports/" + id + ".csv?version=1").bodyBytes()).isEqualTo(file);
		assertThat(admin().get("/reports/" + id + ".xlsx?version=1").bodyBytes()).isEqualTo(workbook);
		assertThat(admin().get("/reports/" + id + "/calls.csv?version=1").bodyBytes()).isEqualTo(calls);
	}

	@Test
	void aDeckUploadMarksExactlyTheReportsWhosePeriodItsRatesTouch() {
		String account = account();
		String deck = ok(admin().send("POST", "/rate-decks?accountId=" + account + "&name=Retail", "text/csv",
				DECK_HEADER + "44,UK,0,0.05,60,60,60,0,2026-01-01,\n")).get("deck").get("id").asString();
		putAccount(account, Map.of("outboundVoiceCalls", item("0", "1", "0.01", 0)), Map.of("rateDeckId", deck));
		importCalls(account, uk("d1", account + "-a", "2026-07-10") + uk("d2", account + "-a", "2026-08-20"));
		Fixtures fixtures = new Fixtures(admin());
		String july = fixtures.runReport(july(account)).get("id").asString();
		String august = fixtures.runReport(Map.of("accountId", account, "startDate", "2026-08-01", "endDate",
				"2026-08-31")).get("id").asString();

		// A new price from August 15: August's rates differ, July's do not.
		ok(admin().send("POST", "/rate-decks?accountId=" + account + "&deckId=" + deck, "text/csv",
				DECK_HEADER + "44,UK,0,0.05,60,60,60,0,2026-01-01,2026-08-15\n44,UK,0,0.07,60,60,60,0,2026-08-15,\n"));
		JsonNode marked = awaitReason(august, "rateDeck", 3);
		assertThat(marked.get("outOfDateReasons").get(0).get("detail").asString())
			.isEqualTo("rate deck Retail version 2 prices 3 rates of the period otherwise than version 1");
		awaitChangesTakenUp(account);
		assertThat(ok(admin().get("/reports/" + july)).get("outOfDate").asBoolean()).isFalse();
	}

	@Test
	void aPriceChangeMarksEveryCompletedReportOfTheAccountAndAChangeToNothingNone() {
		String account = account();
		importCalls(account, call("p1", account + "-a", LocalDate.parse("2026-07-02"), "10:00:00", 60, "0.02"));
		String id = new Fixtures(admin()).runReport(july(account)).get("id").asString();
		String other = account();
		String untouched = new Fixtures(admin()).runReport(july(other)).get("id").asString();

		// The same prices again change nothing.
		putAccount(account, Map.of("outboundVoiceCalls", item("0", "1", "0.01", 0)), null);
		awaitChangesTakenUp(account);
		assertThat(ok(admin().get("/reports/" + id)).get("outOfDate").asBoolean()).isFalse();

		putAccount(account, Map.of("outboundVoiceCalls", item("0", "1", "0.02", 0)), null);
		JsonNode prices = awaitReason(id, "billingSettings", 2);
		assertThat(prices.get("outOfDateReasons").get(0).get("detail").asString())
			.isEqualTo("customer " + account + "-a's prices of outboundVoiceCalls; customer " + account
					+ "-b's prices of outboundVoiceCalls");
		ok(admin().put("/customers/" + account + "-b", Map.of("accountId", account, "name", "Bee")));
		JsonNode renamed = awaitReason(id, "customers", 1);
		assertThat(renamed.get("outOfDateReasons")).extracting(reason -> reason.get("kind").asString())
			.containsExactly("billingSettings", "customers");
		assertThat(renamed.get("outOfDateReasons").get(1).get("detail").asString())
			.isEqualTo("customer " + account + "-b's name: B → Bee");
		assertThat(ok(admin().get("/reports/" + untouched)).get("outOfDate").asBoolean()).as("another account's")
			.isFalse();
	}

	@Test
	void flagMarksWithoutRerunningAndNothingIsRerunOutsideTheWindow() {
		String flagged = nightlyAccount("flag", null, null);
		LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
		importCalls(flagged, call("f1", flagged + "-a", yesterday, "10:00:00", 60, "0.02"));
		this.nightly.runFor(Instant.now());
		String flaggedReport = NightlyRuns.reportId(flagged, yesterday);
		new Fixtures(admin()).awaitEnd(flaggedReport);

		String old = nightlyAccount("rerun", null, null);
		LocalDate longAgo = LocalDate.now(ZoneOffset.UTC).minusDays(40);
		importCalls(old, call("o1", old + "-a", longAgo, "10:00:00", 60, "0.02"));
		this.nightly.runFor(Instant.now().minus(Duration.ofDays(39)));
		String oldReport = NightlyRuns.reportId(old, longAgo);
		new Fixtures(admin()).awaitEnd(oldReport);

		importCalls(flagged, call("f2", flagged + "-a", yesterday, "11:00:00", 60, "0.02"));
		importCalls(old, call("o2", old + "-a", longAgo, "11:00:00", 60, "0.02"));
		awaitReason(flaggedReport, "lateCalls", 1);
		awaitReason(oldReport, "lateCalls", 1);

		assertThat(this.reruns.rerunDue(Instant.now().plus(Duration.ofHours(3))))
			.noneMatch(made -> made.reportId().equals(flaggedReport) || made.reportId().equals(oldReport));
		assertThat(ok(admin().get("/reports/" + flaggedReport)).get("versions").asInt()).isOne();
		assertThat(ok(admin().get("/reports/" + oldReport)).get("versions").asInt()).isOne();
	}

	// ---- helpers

	private static final String DECK_HEADER = "prefix,description,connectFee,rate,rateUnitSeconds,firstIncrementSeconds,"
			+ "nextIncrementSeconds,minimumCharge,effectiveFrom,effectiveTo\n";

	/** An account (UTC) with customers A and B, voice at 0.01 a minute plus the carrier's cost. */
	private String account() {
		String id = unique("ood");
		Fixtures fixtures = new Fixtures(admin());
		fixtures.account(id, "UTC", Map.of("outboundVoiceCalls", item("0", "1", "0.01", 0)));
		fixtures.customer(id + "-a", id, null, "A", null, null);
		fixtures.customer(id + "-b", id, null, "B", null, null);
		return id;
	}

	/** The same, with nightly billing that follows late data as told. */
	private String nightlyAccount(String lateData, String webhookUrl, String email) {
		String id = unique("night");
		Map<String, Object> nightly = new LinkedHashMap<>();
		nightly.put("enabled", true);
		nightly.put("lateData", lateData);
		nightly.put("webhookUrl", webhookUrl);
		nightly.put("emailAddressToNotify", email);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", id);
		body.put("name", "Nightly " + id);
		body.put("timeZoneId", "UTC");
		body.put("billingSettings", Map.of("outboundVoiceCalls", item("0", "1", "0.01", 0)));
		body.put("nightlyBilling", nightly);
		ok(admin().post("/accounts", body));
		Fixtures fixtures = new Fixtures(admin());
		fixtures.customer(id + "-a", id, null, "A", null, null);
		fixtures.customer(id + "-b", id, null, "B", null, null);
		return id;
	}

	private void putAccount(String account, Map<String, Object> prices, Map<String, Object> rating) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", "Account " + account);
		body.put("timeZoneId", "UTC");
		body.put("billingSettings", prices);
		if (rating != null) {
			body.put("rating", rating);
		}
		else {
			body.put("rating", ok(admin().get("/accounts/" + account)).get("rating"));
		}
		ok(admin().put("/accounts/" + account, body));
	}

	private static Map<String, Object> july(String account) {
		return Map.of("accountId", account, "startDate", "2026-07-01", "endDate", "2026-07-31", "includeCustomerIds",
				true);
	}

	private static String call(String callId, String customer, LocalDate day, String time, int seconds, String cost) {
		return callId + "," + customer + ",voice,outbound," + day + "T" + time + "Z," + seconds + ",completed," + cost
				+ "\n";
	}

	/** An outbound call to a UK number without a carrier cost: the account's deck prices it. */
	private static String uk(String callId, String customer, String day) {
		return callId + "," + customer + ",voice,outbound,+12125550100,+442079460000," + day + "T10:00:00Z,60,completed,"
				+ "\n";
	}

	private void importCalls(String account, String lines) {
		String header = lines.contains(",+44") ? "callId,customerId,channel,direction,from,to,startTime,"
				+ "billableSeconds,status,carrierCost\n" : HEADER;
		ok(admin().send("POST", "/calls/import?accountId=" + account, "text/csv", header + lines));
	}

	/** The report once the reason of this kind has this count. */
	private JsonNode awaitReason(String reportId, String kind, long count) {
		JsonNode[] report = new JsonNode[1];
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			report[0] = ok(admin().get("/reports/" + reportId));
			assertThat(report[0].get("outOfDateReasons").valueStream()
				.filter(reason -> reason.get("kind").asString().equals(kind))
				.map(reason -> reason.get("count").asLong())
				.findFirst()).as(report[0].toString()).contains(count);
		});
		return report[0];
	}

	/** Once every change recorded for the account has been taken up. */
	private void awaitChangesTakenUp(String account) {
		await().atMost(Duration.ofSeconds(30)).until(() -> this.jdbc
			.sql("SELECT COUNT(*) FROM input_change WHERE account_id = ? AND processed_at IS NULL")
			.param(account)
			.query(Long.class)
			.single() == 0);
	}

	/** A console page as a signed-in browser gets it. */
	private String page(String session, String path) {
		ApiResponse response = anonymous().exchange("GET", path, Map.of("Cookie", session, "Accept", "text/html"), null);
		assertThat(response.status()).as(path + " " + response.body()).isEqualTo(200);
		return response.body();
	}

	private long notifications(String reportId, String event, String channel) {
		return ok(admin().get("/reports/" + reportId)).get("notifications")
			.valueStream()
			.filter(notification -> notification.get("event").asString().equals(event)
					&& notification.get("channel").asString().equals(channel))
			.count();
	}

	private static List<WebhookReceiver.Received> events(String path, String event) {
		return RECEIVER.received(path).stream().filter(hook -> event.equals(hook.header("X-Billing-Event"))).toList();
	}

	private static MimeMessage awaitMail(String to, String subject) {
		MimeMessage[] found = new MimeMessage[1];
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			found[0] = Arrays.stream(SMTP.getReceivedMessages()).filter(message -> {
				try {
					return message.getRecipients(Message.RecipientType.TO)[0].toString().equals(to)
							&& message.getSubject().endsWith(subject);
				}
				catch (Exception ex) {
					return false;
				}
			}).findFirst().orElse(null);
			return found[0] != null;
		});
		return found[0];
	}

	private static List<CSVRecord> csv(ApiResponse response) throws Exception {
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return CSVFormat.RFC4180.builder().setHeader().get().parse(new StringReader(response.body())).getRecords();
	}

}
