package org.billingreports.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.billingreports.support.ApiResponse;
import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;
import org.billingreports.support.OutOfDateReports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.billingreports.support.Fixtures.item;
import static org.billingreports.support.Fixtures.ok;

/**
 * Each version can prove its total: its manifest hashes what it billed (the records' identities and
 * revisions, its kept inputs, its files as served), and a verification rates its records again with
 * those inputs in a job of its own: identical for a version left alone, not identical, naming the first
 * differing calls and billing-file lines, for one whose stored rows were altered behind its back.
 */
@OutOfDateReports
class ReportProofTest extends ApiTestSupport {

	@Autowired
	JdbcClient jdbc;

	@Test
	void aVersionProvesItsTotalAndAVersionAlteredBehindItsBackDoesNot() throws Exception {
		Fixtures fixtures = new Fixtures(admin());
		String account = unique("proof");
		fixtures.account(account, "UTC", Map.of("base", item("5", "0", "0", 0), "outboundVoiceCalls",
				item("0", "1.1", "0.01", 1)));
		fixtures.customer(account + "-a", account, null, "A", null, null);
		fixtures.customer(account + "-b", account, null, "B", null, null);
		deck(account);
		fixtures.phoneNumber(account, account + "-a", false);
		fixtures.importCalls(account, "callId,customerId,channel,direction,from,to,startTime,billableSeconds,status,"
				+ "carrierCost\n"
				+ "p1," + account + "-a,voice,outbound,+12125550100,+442079460000,2026-07-02T10:00:00Z,61,completed,\n"
				+ "p2," + account + "-a,voice,outbound,+12125550100,+12125550199,2026-07-02T11:00:00Z,30,completed,0.02\n"
				+ "p3," + account + "-b,voice,outbound,+12125550100,+12125550198,2026-07-03T11:00:00Z,0,no-answer,0\n");
		String id = fixtures.runReport(Map.of("accountId", account, "startDate", "2026-07-01", "endDate",
				"2026-07-31")).get("id").asString();

		JsonNode manifest = ok(admin().get("/reports/" + id + "/versions/1/manifest"));
		assertThat(manifest.get("reportId").asString()).isEqualTo(id);
		assertThat(manifest.get("version").asInt()).isOne();
		assertThat(manifest.get("calls").asLong()).isEqualTo(3);
		StringBuilder identities = new StringBuilder();
		this.jdbc.sql("SELECT call_id, revision FROM call_record WHERE account_id = ? ORDER BY id")
			.param(account)
			.query(rs -> {
				identities.append(rs.getString(1)).append('\t').append(rs.getInt(2)).append('\n');
			});
		assertThat(manifest.get("callsSha256").asString()).isEqualTo(sha256(identities.toString().getBytes(StandardCharsets.UTF_8)));
		String inputs = this.jdbc.sql("SELECT inputs FROM billing_statement WHERE report_id = ? AND version = 1")
			.param(id)
			.query(String.class)
			.single();
		assertThat(manifest.get("settingsSha256").asString()).isEqualTo(sha256(inputs.getBytes(StandardCharsets.UTF_8)));
		assertThat(inputs).startsWith("{\"account\":{\"currency\":\"USD\",\"id\":\"" + account + "\"")
			.contains("\"localNumbers\":1").doesNotContain(" ");
		assertThat(manifest.get("csvSha256").asString())
			.isEqualTo(sha256(admin().get("/reports/" + id + ".csv?version=1").bodyBytes()));
		assertThat(manifest.get("workbookSha256").asString())
			.isEqualTo(sha256(admin().get("/reports/" + id + ".xlsx?version=1").bodyBytes()));
		assertThat(manifest.get("applicationVersion").asString()).isNotBlank();
		assertThat(manifest.get("rateDecks")).hasSize(2);
		assertThat(manifest.get("rateDecks").get(0).get("deckName").asString()).isEqualTo("Retail");

		JsonNode untouched = verify(id);
		assertThat(untouched.get("identical").asBoolean()).as(untouched.toString()).isTrue();
		assertThat(untouched.get("differences")).isEmpty();

		// Behind its back: one call's stored units, one line's stored amount.
		this.jdbc.sql("UPDATE billing_row SET units = units + 1 WHERE report_id = ? AND call_record_id = "
				+ "(SELECT id FROM call_record WHERE account_id = ? AND call_id = 'p2')").params(id, account).update();
		this.jdbc.sql("UPDATE billing_line SET amount = amount + 1 WHERE report_id = ? AND line_number = 1")
			.param(id)
			.update();
		JsonNode altered = verify(id);
		assertThat(altered.get("identical").asBoolean()).isFalse();
		assertThat(altered.get("differences")).extracting(JsonNode::asString)
			.anyMatch(difference -> difference.startsWith("call p2: stored 2 units, raw cost 0.02; rated again 1 units"))
			.anyMatch(difference -> difference.startsWith("billing file line 2: stored \"A,Base,1,0,1,0,5,0,6.00\", "
					+ "rated again \"A,Base,1,0,1,0,5,0,5.00\""));

		assertThat(admin().post("/reports/" + id + "/versions/2/verify", "").status()).isEqualTo(404);
		assertThat(admin().get("/reports/" + id + "/versions/2/manifest").status()).isEqualTo(404);
	}

	/**
	 * Asked, then followed at its address until it ended. With no time to wait for the job the answer is 202, or
	 * 200 when the job ended before the answer was written (a fast machine): both as api.md says.
	 */
	private JsonNode verify(String id) {
		ApiResponse started = admin().post("/reports/" + id + "/versions/1/verify", "");
		assertThat(started.status()).as(started.body()).isIn(200, 202);
		if (started.status() == 200) {
			assertThat(started.json().get("status").asString()).isEqualTo("Completed");
			return started.json();
		}
		String location = started.header("Location");
		assertThat(location).endsWith(started.json().get("location").asString());
		String path = location.substring(location.indexOf("/reports/"));
		JsonNode[] ended = new JsonNode[1];
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			ApiResponse poll = admin().get(path);
			ended[0] = poll.json();
			return poll.status() == 200;
		});
		assertThat(ended[0].get("status").asString()).isEqualTo("Completed");
		return ended[0];
	}

	private void deck(String account) {
		String deck = ok(admin().send("POST", "/rate-decks?accountId=" + account + "&name=Retail", "text/csv",
				"prefix,description,connectFee,rate,rateUnitSeconds,firstIncrementSeconds,nextIncrementSeconds,"
						+ "minimumCharge,effectiveFrom\n44,UK,0,0.05,60,60,60,0,2026-01-01\n1,NANP,0,0.01,60,60,60,0,"
						+ "2026-01-01\n")).get("deck").get("id").asString();
		JsonNode current = ok(admin().get("/accounts/" + account));
		ok(admin().put("/accounts/" + account, Map.of("name", current.get("name").asString(), "timeZoneId", "UTC",
				"billingSettings", current.get("billingSettings"), "rating", Map.of("rateDeckId", deck))));
	}

	private static String sha256(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}

}
