package org.billingreports.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.billingreports.support.ApiResponse;
import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingreports.support.Fixtures.item;

/**
 * Import, report, download, over real HTTP, with every expected line worked out by hand. The account
 * is in New York (UTC-4 in July) so that the period's edges are not UTC midnight.
 */
class BillingReportEndToEndTest extends ApiTestSupport {

	private String p;

	private String account;

	private Fixtures fixtures;

	@BeforeEach
	void setUp() {
		this.p = unique("e2e");
		this.account = this.p + "-acc";
		this.fixtures = new Fixtures(admin());
		Map<String, Object> accountSettings = new LinkedHashMap<>();
		accountSettings.put("base", item("10", "0", "0", 0));
		accountSettings.put("localNumbers", item("0", "0", "1.25", 0));
		accountSettings.put("tollFreeNumbers", item("0", "0", "2.5", 0));
		accountSettings.put("inboundVoiceCalls", item("0", "0", "0.01", 5));
		accountSettings.put("outboundVoiceCalls", item("0", "1.5", "0.015", 0));
		accountSettings.put("inboundFaxes", item("0", "0", "0.05", 0));
		accountSettings.put("outboundFaxes", item("1", "0", "0.1", 0));
		accountSettings.put("inboundSmsMessages", item("0", "0", "0.005", 10));
		accountSettings.put("outboundSmsMessages", item("0", "0", "0.0125", 0));
		this.fixtures.account(this.account, "America/New_York", accountSettings);

		// A three-level tree: Alpha inherits the account's prices, Alpha Child overrides them, and Alpha
		// Grandchild inherits its parent's override.
		this.fixtures.customer(id("alpha"), this.account, null, "Alpha", null, null);
		Map<String, Object> childSettings = new LinkedHashMap<>();
		childSettings.put("outboundVoiceCalls", item("0", "0", "0.02", 1));
		childSettings.put("localNumbers", item("0", "0", "2", 0));
		this.fixtures.customer(id("child"), this.account, id("alpha"), "Alpha Child", "ref-" + this.p,
				childSettings);
		this.fixtures.customer(id("grand"), this.account, id("child"), "Alpha Grandchild", null, null);
		this.fixtures.customer(id("beta"), this.account, null, "beta", null, null);
		this.fixtures.customer(id("gamma"), this.account, null, "Gamma", null, null);
		this.fixtures.phoneNumber(this.account, id("alpha"), false);
		this.fixtures.phoneNumber(this.account, id("alpha"), false);
		this.fixtures.phoneNumber(this.account, id("child"), false);
		this.fixtures.phoneNumber(this.account, id("beta"), true);
	}

	private String id(String customer) {
		return this.p + "-" + customer;
	}

	private String calls() {
		String a = id("alpha");
		String g = id("gamma");
		return String.join("\n",
				"callId,customerId,channel,direction,from,to,startTime,answerTime,endTime,durationSeconds,"
						+ "billableSeconds,status,carrierCost",
				// Alpha, inbound voice: the period's first and last second are in, one second outside each end out.
				"a-first," + a + ",voice,inbound,+15550001,+15550002,2026-07-01T00:00:00,,,60,60,completed,0.004",
				"a-before," + a + ",voice,inbound,+15550001,+15550002,2026-06-30T23:59:59,,,60,60,completed,0.5",
				"a-last," + a + ",voice,inbound,+15550001,+15550002,2026-07-31T23:59:59-04:00,,,61,61,completed,0.006",
				"a-after," + a + ",voice,inbound,+15550001,+15550002,2026-08-01T04:00:00Z,,,60,60,completed,0.5",
				// Billable seconds 0, 1 and 59; an unanswered call.
				"a-zero," + a + ",voice,inbound,,,2026-07-10T12:00:00,,,5,0,completed,0.001",
				"a-one," + a + ",voice,inbound,,,2026-07-10T12:01:00,,,1,1,completed,0",
				"a-59," + a + ",voice,inbound,,,2026-07-10T12:02:00,,,59,59,completed,",
				"a-noanswer," + a + ",voice,inbound,,,2026-07-10T12:03:00,,,30,0,no-answer,0.2",
				// Alpha, outbound voice: 120 s and 30 s.
				"a-out1," + a + ",voice,outbound,,,2026-07-11T09:00:00,2026-07-11T09:00:05,,125,120,completed,0.01",
				"a-out2," + a + ",voice,outbound,,,2026-07-11T09:05:00,,,30,30,completed,0.02",
				// Alpha Child, named by its referenceId: 61 s and 60 s.
				"c-out1,ref-" + this.p + ",voice,outbound,,,2026-07-15T10:00:00,,,61,61,completed,0.1",
				"c-out2," + id("child") + ",voice,outbound,,,2026-07-15T11:00:00,,,60,60,completed,0.1",
				"g-out," + id("grand") + ",voice,outbound,,,2026-07-20T08:00:00,,,180,180,completed,0.05",
				// Gamma: SMS and fax.
				"m-sms1," + g + ",sms,outbound,,,2026-07-05T10:00:00,,,0,0,completed,0.0125",
				"m-sms2," + g + ",sms,outbound,,,2026-07-05T10:01:00,,,0,0,completed,0.0125",
				"m-sms3," + g + ",sms,outbound,,,2026-07-05T10:02:00,,,0,0,failed,0.0125",
				"m-in1," + g + ",sms,inbound,,,2026-07-05T11:00:00,,,0,0,completed,0",
				"m-in2," + g + ",sms,inbound,,,2026-07-05T11:01:00,,,0,0,completed,0",
				"m-in3," + g + ",sms,inbound,,,2026-07-05T11:02:00,,,0,0,completed,0",
				"m-fax-in," + g + ",fax,inbound,,,2026-07-06T09:00:00,,,40,40,completed,0.3",
				"m-fax-out," + g + ",fax,outbound,,,2026-07-06T09:10:00,,,50,50,completed,0.4",
				// A duplicate of a record above, and a line that is no call record.
				"a-first," + a + ",voice,inbound,+15550001,+15550002,2026-07-01T00:00:00,,,60,60,completed,0.004",
				"bad-1," + a + ",video,inbound,,,2026-07-12T00:00:00,,,60,60,completed,0.1");
	}

	@Test
	void importThenReportThenDownloadWithCustomerIds() {
		JsonNode imported = this.fixtures.importCalls(this.account, calls());
		assertThat(imported.get("status").asString()).isEqualTo("Completed");
		assertThat(imported.get("read").asLong()).isEqualTo(23);
		assertThat(imported.get("imported").asLong()).isEqualTo(21);
		assertThat(imported.get("duplicates").asLong()).isEqualTo(1);
		assertThat(imported.get("rejected").asLong()).isEqualTo(1);
		assertThat(imported.get("rejections").get(0).get("lineNumber").asLong()).isEqualTo(24);
		assertThat(imported.get("rejections").get(0).get("reason").asString()).contains("channel", "video");

		JsonNode report = this.fixtures.runReport(request(true));
		assertThat(report.get("status").asString()).as(report.toString()).isEqualTo("Completed");
		assertThat(report.get("statusMessage").asString()).isEqualTo("5 customers, 19 calls, total 40.35 USD");
		String link = report.get("downloadLink").asString();
		assertThat(link).startsWith(admin().base() + "/reports/" + report.get("id").asString() + ".csv?version=1&token=");
		assertThat(report.get("server").asString()).isEqualTo("test-node");
		assertThat(report.get("dateCreated").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

		ApiResponse file = admin().get(link.substring(admin().base().length()));
		assertThat(file.status()).isEqualTo(200);
		assertThat(file.header("Content-Type")).startsWith("text/csv");
		assertThat(file.header("Content-Disposition")).startsWith("attachment");
		assertThat(lines(file.body())).containsExactly(
				"Customer,Customer ID,Item,Quantity,Allowance,Billable,Unit Cost,Base Cost,Raw Cost,Amount",
				"Alpha," + id("alpha") + ",Base,1,0,1,0,10,0,10.00",
				"Alpha," + id("alpha") + ",LocalNumbers,2,0,2,1.25,0,0,2.50",
				// 1 + 2 + 0 + 1 + 1 minutes, all within the allowance of 5.
				"Alpha," + id("alpha") + ",InboundVoiceCalls,5,5,0,0.01,0,0.011,0.00",
				// 3 × 0.015 + 1.5 × (0.01 + 0.02) = 0.09
				"Alpha," + id("alpha") + ",OutboundVoiceCalls,3,0,3,0.015,0,0.03,0.09",
				// No faxes, but the item has a base cost.
				"Alpha," + id("alpha") + ",OutboundFaxes,0,0,0,0.1,1,0,1.00",
				// The override: no base, its own number and minute prices.
				"Alpha Child," + id("child") + ",LocalNumbers,1,0,1,2,0,0,2.00",
				"Alpha Child," + id("child") + ",OutboundVoiceCalls,3,1,2,0.02,0,0.2,0.04",
				// Inherits the parent's override, not the account's prices.
				"Alpha Grandchild," + id("grand") + ",OutboundVoiceCalls,3,1,2,0.02,0,0.05,0.04",
				// No calls at all: still billed its base and its toll-free number.
				"beta," + id("beta") + ",Base,1,0,1,0,10,0,10.00",
				"beta," + id("beta") + ",TollFreeNumbers,1,0,1,2.5,0,0,2.50",
				"beta," + id("beta") + ",OutboundFaxes,0,0,0,0.1,1,0,1.00",
				"Gamma," + id("gamma") + ",Base,1,0,1,0,10,0,10.00",
				"Gamma," + id("gamma") + ",InboundFaxes,1,0,1,0.05,0,0.3,0.05",
				"Gamma," + id("gamma") + ",OutboundFaxes,1,0,1,0.1,1,0.4,1.10",
				// Allowance above usage.
				"Gamma," + id("gamma") + ",InboundSmsMessages,3,10,0,0.005,0,0,0.00",
				// 2 × 0.0125 = 0.025 exactly: HALF_UP makes it 0.03.
				"Gamma," + id("gamma") + ",OutboundSmsMessages,2,0,2,0.0125,0,0.025,0.03");
	}

	@Test
	void withoutCustomerIdsTheColumnIsLeftOut() {
		this.fixtures.importCalls(this.account, calls());
		JsonNode report = this.fixtures.runReport(request(false));
		String body = admin().get("/reports/" + report.get("id").asString() + ".csv").body();
		List<String> lines = lines(body);
		assertThat(lines.get(0)).isEqualTo("Customer,Item,Quantity,Allowance,Billable,Unit Cost,Base Cost,Raw Cost,Amount");
		assertThat(lines).hasSize(17)
			.contains("Alpha Grandchild,OutboundVoiceCalls,3,1,2,0.02,0,0.05,0.04",
					"Gamma,OutboundSmsMessages,2,0,2,0.0125,0,0.025,0.03");
		assertThat(body).doesNotContain(this.p);
	}

	@Test
	void dateTimesGiveAHalfOpenPeriod() {
		this.fixtures.importCalls(this.account, calls());
		// [00:00:00, 23:59:59) New York time on the last day: a-last (23:59:59) is out.
		Map<String, Object> request = request(true);
		request.put("startDate", "2026-07-01T00:00:00");
		request.put("endDate", "2026-07-31T23:59:59-04:00");
		JsonNode report = this.fixtures.runReport(request);
		assertThat(report.get("statusMessage").asString()).startsWith("5 customers, 18 calls");
		assertThat(lines(admin().get("/reports/" + report.get("id").asString() + ".csv").body()))
			.contains("Alpha," + id("alpha") + ",InboundVoiceCalls,3,5,0,0.01,0,0.005,0.00");
	}

	private Map<String, Object> request(boolean includeCustomerIds) {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("accountId", this.account);
		request.put("startDate", "2026-07-01");
		request.put("endDate", "2026-07-31");
		request.put("includeCustomerIds", includeCustomerIds);
		return request;
	}

	private static List<String> lines(String csv) {
		assertThat(csv).endsWith("\r\n");
		return List.of(csv.split("\r\n"));
	}

}
