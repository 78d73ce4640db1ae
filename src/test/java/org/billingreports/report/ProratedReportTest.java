package org.billingreports.report;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.billingreports.support.ApiResponse;
import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;
import org.billingreports.support.Workbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingreports.support.Fixtures.item;
import static org.billingreports.support.Fixtures.ok;

/**
 * An account's {@code proration}: {@code none} by default, {@code daily} scaling fixed fees and
 * allowances to the days of the period (the arithmetic itself is {@code ProrationTest}'s).
 */
class ProratedReportTest extends ApiTestSupport {

	@Test
	void aDailyProratedAccountIsChargedItsFeesForTheDaysOfThePeriod() throws Exception {
		String account = unique("prorated");
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", account);
		body.put("name", "Prorated");
		body.put("proration", "daily");
		body.put("billingSettings", Map.of("base", item("31", "0", "0", 0), "outboundVoiceCalls",
				item("0", "0", "0.02", 62)));
		assertThat(ok(admin().post("/accounts", body)).get("proration").asString()).isEqualTo("daily");
		assertThat(ok(admin().get("/accounts/" + account)).get("proration").asString()).isEqualTo("daily");
		Fixtures fixtures = new Fixtures(admin());
		fixtures.customer(account + "-c", account, null, "Customer", null, null);
		fixtures.importCalls(account, String.join("\n",
				"callId,customerId,channel,direction,from,to,startTime,answerTime,endTime,durationSeconds,"
						+ "billableSeconds,status,carrierCost",
				"p1," + account + "-c,voice,outbound,+1,+2,2026-07-05T10:00:00Z,,,300,300,completed,0"));
		// One day of July: base 31 × 1/31 = 1.00; 62 minutes × 1/31 = 2 free; 5 used, 3 × 0.02 = 0.06.
		String id = fixtures.runReport(Map.of("accountId", account, "startDate", "2026-07-05", "endDate",
				"2026-07-05")).get("id").asString();
		assertThat(admin().get("/reports/" + id + ".csv").body().split("\r\n")).containsExactly(
				"Customer,Item,Quantity,Allowance,Billable,Unit Cost,Base Cost,Raw Cost,Amount",
				"Customer,Base,1,0,1,0,1,0,1.00", "Customer,OutboundVoiceCalls,5,2,3,0.02,0,0,0.06");
		try (XSSFWorkbook workbook = Workbooks.open(admin().get("/reports/" + id + ".xlsx").bodyBytes())) {
			assertThat(Workbooks.rows(workbook.getSheet("Summary")).get(7))
				.containsExactly("Fixed fees", "prorated by day: 1/31 of July 2026");
		}
		assertThat(ok(admin().get("/reports/" + id + "/lines")).get("proration").asString()).isEqualTo("daily");
	}

	@Test
	void prorationIsNoneUnlessSetAndOnlyNoneOrDaily() {
		String account = unique("unprorated");
		JsonNode created = new Fixtures(admin()).account(account, "UTC", Map.of());
		assertThat(created.get("proration").asString()).isEqualTo("none");
		ApiResponse refused = admin().post("/accounts",
				Map.of("id", unique("monthly"), "name", "Monthly", "proration", "monthly"));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().at("/responseStatus/errors/0/fieldName").asString()).isEqualTo("proration");
	}

}
