package org.billingreports.calls;

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
import static org.billingreports.support.Fixtures.item;
import static org.billingreports.support.Fixtures.ok;

/**
 * Corrected call records: with {@code onDuplicate=replace} a line whose call is stored with other values
 * is stored as the call's next revision, the old one kept; reports rate only current revisions; the
 * default ({@code skip}) keeps what is stored, as before; identities made from a line's content cannot be
 * corrected; a refused file leaves every record as it was. Native, Asterisk and FreeSWITCH alike.
 */
class CallRevisionsTest extends ApiTestSupport {

	private static final String HEADER = "callId,customerId,channel,direction,startTime,durationSeconds,"
			+ "billableSeconds,status,carrierCost\n";

	@Autowired
	JdbcClient jdbc;

	private Fixtures fixtures;

	private String account;

	private String customer;

	@BeforeEach
	void setUp() {
		this.fixtures = new Fixtures(admin());
		this.account = unique("rev");
		this.customer = this.account + "-c";
		this.fixtures.account(this.account, "UTC", Map.of("outboundVoiceCalls", item("0", "1", "0.01", 0)));
		this.fixtures.customer(this.customer, this.account, null, "C", "1001", null);
	}

	private String line(String callId, int seconds, String cost) {
		return callId + "," + this.customer + ",voice,outbound,2026-07-01T10:00:00Z," + seconds + "," + seconds
				+ ",completed," + cost + "\n";
	}

	private JsonNode importNative(String query, String csv) {
		return ok(admin().send("POST", "/calls/import?accountId=" + this.account + query, "text/csv", csv));
	}

	@Test
	void aChangedLineIsTheCallsNextRevisionAndReportsRateOnlyTheNewest() {
		JsonNode first = importNative("", HEADER + line("a", 60, "0.02") + line("b", 60, "0.03"));
		assertThat(first.get("imported").asLong()).isEqualTo(2);
		assertThat(first.get("onDuplicate").asString()).isEqualTo("skip");

		// The default keeps what is stored: the changed line is a duplicate, as ever.
		JsonNode skipped = importNative("", HEADER + line("a", 120, "0.05"));
		assertThat(skipped.get("duplicates").asLong()).isOne();
		assertThat(skipped.get("corrected").asLong()).isZero();
		assertThat(revisions("a")).containsExactly("1:60:0.02");

		JsonNode corrected = importNative("&onDuplicate=replace", HEADER + line("a", 120, "0.05") + line("b", 60, "0.030")
				+ line("c", 60, "0.01"));
		assertThat(corrected.get("onDuplicate").asString()).isEqualTo("replace");
		assertThat(corrected.get("imported").asLong()).as("new calls only").isOne();
		assertThat(corrected.get("corrected").asLong()).isOne();
		assertThat(corrected.get("duplicates").asLong()).as("b's cost by value: 0.030 is 0.03").isOne();
		assertThat(corrected.get("statusMessage").asString())
			.isEqualTo("Imported 1 of 3 call records; 1 corrected, 1 duplicates, 0 rejected");
		assertThat(revisions("a")).as("the old revision is kept").containsExactly("1:60:0.02", "2:120:0.05");

		// The same correction again changes nothing.
		JsonNode again = importNative("&onDuplicate=replace", HEADER + line("a", 120, "0.05"));
		assertThat(again.get("corrected").asLong()).isZero();
		assertThat(again.get("duplicates").asLong()).isOne();

		// A report bills a's newest revision only: 2 + 1 + 1 minutes, 0.05 + 0.03 + 0.01.
		JsonNode report = this.fixtures.runReport(Map.of("accountId", this.account, "startDate", "2026-07-01",
				"endDate", "2026-07-01"));
		assertThat(report.get("statusMessage").asString()).startsWith("1 customers, 3 calls");
		assertThat(admin().get("/reports/" + report.get("id").asString() + ".csv").body())
			.contains("C,OutboundVoiceCalls,4,0,4,0.01,0,0.09,0.13");
	}

	@Test
	void withinOneFileTheLastLineOfACallWins() {
		JsonNode result = importNative("&onDuplicate=replace",
				HEADER + line("d", 60, "0.01") + line("d", 180, "0.07") + line("e", 60, "0.01"));
		assertThat(result.get("imported").asLong()).isEqualTo(2);
		assertThat(result.get("duplicates").asLong()).isOne();
		assertThat(revisions("d")).containsExactly("1:180:0.07");
	}

	@Test
	void anUnknownChoiceIsRefusedNamingTheField() {
		ApiResponse refused = admin().send("POST", "/calls/import?accountId=" + this.account + "&onDuplicate=overwrite",
				"text/csv", HEADER + line("a", 60, "0"));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().at("/responseStatus/errors/0/fieldName").asString()).isEqualTo("onDuplicate");
	}

	@Test
	void aRefusedFileLeavesEveryRecordAsItWas() {
		importNative("", HEADER + line("f", 60, "0.02"));
		// One correction and two broken lines: two thirds rejected, more than the half allowed.
		ApiResponse refused = admin().send("POST", "/calls/import?accountId=" + this.account + "&onDuplicate=replace",
				"text/csv", HEADER + line("f", 300, "0.09") + "g,nobody,voice,outbound,x,1,1,completed,0\n"
						+ "h,nobody,voice,outbound,x,1,1,completed,0\n");
		assertThat(refused.status()).isEqualTo(422);
		assertThat(revisions("f")).containsExactly("1:60:0.02");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM call_record_correction WHERE account_id = ?")
			.param(this.account)
			.query(Long.class)
			.single()).isZero();
		// The first revision is current again: a correction after it is revision 2.
		assertThat(importNative("&onDuplicate=replace", HEADER + line("f", 300, "0.09")).get("corrected").asLong())
			.isOne();
		assertThat(revisions("f")).containsExactly("1:60:0.02", "2:300:0.09");
	}

	@Test
	void switchFilesAreCorrectedByTheirOwnIdentitiesOnly() {
		String uniqueId = "\"1706368044.0\",\"\",\"\",\"1706368044.0\",0";
		String answered = "\"1001\",\"+12125550100\",\"+12125550199\",\"from-internal\",\"\",\"SIP/1-0\",\"\",\"Dial\",\"\","
				+ "\"2026-07-01 10:00:00\",\"2026-07-01 10:00:01\",\"2026-07-01 10:01:01\",";
		ok(admin().send("POST", "/calls/import?format=asterisk&timeZoneId=UTC&accountId=" + this.account, "text/csv",
				answered + "61,60,\"ANSWERED\",\"DOCUMENTATION\"," + uniqueId + "\n"));
		// uniqueid/sequence is the switch's own: a corrected billsec is the next revision.
		JsonNode asterisk = ok(admin().send("POST",
				"/calls/import?format=asterisk&timeZoneId=UTC&onDuplicate=replace&accountId=" + this.account, "text/csv",
				answered + "91,90,\"ANSWERED\",\"DOCUMENTATION\"," + uniqueId + "\n"));
		assertThat(asterisk.get("corrected").asLong()).isOne();
		assertThat(revisions("1706368044.0/0")).containsExactly("1:61:0", "2:91:0");

		// Without a sequence the identity is the line's hash: a changed line is another call, never a correction.
		String noSequence = "\"1001\",\"+12125550100\",\"+12125550199\",\"from-internal\",\"\",\"SIP/1-0\",\"\","
				+ "\"Dial\",\"\",\"2026-07-02 10:00:00\",\"2026-07-02 10:00:01\",\"2026-07-02 10:01:01\",";
		ok(admin().send("POST", "/calls/import?format=asterisk&timeZoneId=UTC&accountId=" + this.account, "text/csv",
				noSequence + "61,60,\"ANSWERED\",\"DOCUMENTATION\",\"1706368099.5\"\n"));
		JsonNode hashed = ok(admin().send("POST",
				"/calls/import?format=asterisk&timeZoneId=UTC&onDuplicate=replace&accountId=" + this.account, "text/csv",
				noSequence + "91,90,\"ANSWERED\",\"DOCUMENTATION\",\"1706368099.5\"\n"));
		assertThat(hashed.get("corrected").asLong()).isZero();
		assertThat(hashed.get("imported").asLong()).isOne();

		// FreeSWITCH: the uuid is the switch's own identity.
		String leg = "\"Alice\",\"1001\",\"+12125550199\",\"default\",\"2026-07-03 10:00:00\",\"2026-07-03 10:00:01\","
				+ "\"2026-07-03 10:01:01\",\"61\",";
		String rest = ",\"NORMAL_CLEARING\",\"e852a435-b155-40e6-8ca4-68cd98e8f62d\",\"\",\"1001\"\n";
		ok(admin().send("POST", "/calls/import?format=freeswitch&timeZoneId=UTC&accountId=" + this.account, "text/csv",
				leg + "\"60\"" + rest));
		JsonNode freeswitch = ok(admin().send("POST",
				"/calls/import?format=freeswitch&timeZoneId=UTC&onDuplicate=replace&accountId=" + this.account,
				"text/csv", leg + "\"45\"" + rest));
		assertThat(freeswitch.get("corrected").asLong()).isOne();
		assertThat(revisions("e852a435-b155-40e6-8ca4-68cd98e8f62d")).containsExactly("1:61:0", "2:61:0");
		assertThat(this.jdbc.sql("SELECT billable_seconds FROM call_record WHERE account_id = ? AND call_id = ? "
				+ "ORDER BY revision").params(this.account, "e852a435-b155-40e6-8ca4-68cd98e8f62d").query(Integer.class)
			.list()).containsExactly(60, 45);
	}

	/** Each stored revision of the call as "revision:duration:carrier cost". */
	private List<String> revisions(String callId) {
		return this.jdbc
			.sql("SELECT revision, duration_seconds, carrier_cost FROM call_record WHERE account_id = ? AND call_id = ? "
					+ "ORDER BY revision")
			.params(this.account, callId)
			.query((rs, row) -> rs.getInt(1) + ":" + rs.getInt(2) + ":"
					+ rs.getBigDecimal(3).stripTrailingZeros().toPlainString())
			.list();
	}

}
