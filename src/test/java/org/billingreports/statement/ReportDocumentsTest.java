package org.billingreports.statement;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import org.billingreports.support.Api;
import org.billingreports.support.ApiResponse;
import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;
import org.billingreports.support.Workbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.billingreports.support.Fixtures.item;
import static org.billingreports.support.Fixtures.ok;
import static org.billingreports.support.Workbooks.dec;

/**
 * A report's documents for people and programs, checked against values worked out by hand: the
 * workbook's Summary (the tree, subtotals, shares, the total), Lines (units, multipliers, subtotals)
 * and Calls (split at the test profile's four calls a sheet), the lines as JSON, the call detail,
 * the file names, and what a Customer user gets: everything without carrier costs.
 *
 * <p>Prices: Base 10; OutboundVoiceCalls base 2.5, 0.02 a minute, raw cost × 1.25; InboundSmsMessages
 * 0.01 a message after 1 free. Acme Corp has branches Acme East and Acme West; Zed Idle has no calls.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportDocumentsTest extends ApiTestSupport {

	private String account;

	private String corp;

	private String east;

	private String west;

	private String idle;

	private String reportId;

	@BeforeAll
	void billJuly() {
		this.account = unique("docs");
		this.corp = this.account + "-corp";
		this.east = this.account + "-east";
		this.west = this.account + "-west";
		this.idle = this.account + "-idle";
		Fixtures fixtures = new Fixtures(admin());
		Map<String, Object> prices = new LinkedHashMap<>();
		prices.put("base", item("10", "0", "0", 0));
		prices.put("outboundVoiceCalls", item("2.5", "1.25", "0.02", 0));
		prices.put("inboundSmsMessages", item("0", "0", "0.01", 1));
		ok(admin().post("/accounts", Map.of("id", this.account, "name", "Docs Telecom", "timeZoneId", "Europe/Berlin",
				"currency", "EUR", "billingSettings", prices)));
		fixtures.customer(this.corp, this.account, null, "Acme Corp", null, null);
		fixtures.customer(this.east, this.account, this.corp, "Acme East", null, null);
		fixtures.customer(this.west, this.account, this.corp, "Acme West", null, null);
		fixtures.customer(this.idle, this.account, null, "Zed Idle", null, null);
		fixtures.importCalls(this.account, String.join("\n",
				"callId,customerId,channel,direction,from,to,startTime,answerTime,endTime,durationSeconds,"
						+ "billableSeconds,status,carrierCost",
				"w1," + this.east + ",voice,outbound,+1,+2,2026-07-02T10:00:00Z,,,61,61,completed,0.10",
				"w2," + this.east + ",voice,outbound,+1,+2,2026-07-01T08:00:00Z,,,30,30,completed,0.05",
				"w3," + this.west + ",sms,inbound,+3,+4,2026-07-03T09:00:00Z,,,0,0,completed,0.003",
				"w4," + this.west + ",sms,inbound,+3,+4,2026-07-04T09:00:00Z,,,0,0,completed,0.003",
				"w5," + this.west + ",voice,outbound,+1,+2,2026-07-05T09:00:00Z,,,20,0,no-answer,0.07",
				"w6," + this.corp + ",voice,outbound,+1,+2,2026-07-06T22:30:00Z,,,120,120,completed,0.2"));
		this.reportId = fixtures.runReport(july()).get("id").asString();
	}

	private Map<String, Object> july() {
		return Map.of("accountId", this.account, "startDate", "2026-07-01", "endDate", "2026-07-31",
				"includeCustomerIds", true);
	}

	private XSSFWorkbook workbook(Api api, String id) throws Exception {
		ApiResponse response = api.get("/reports/" + id + ".xlsx");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return Workbooks.open(response.bodyBytes());
	}

	@Test
	void theSummaryShowsWhatTheReportCoversTheTreeAndTheTotal() throws Exception {
		try (XSSFWorkbook workbook = workbook(admin(), this.reportId)) {
			assertThat(workbook.getSheetName(0)).isEqualTo("Summary");
			XSSFSheet sheet = workbook.getSheet("Summary");
			List<List<Object>> rows = Workbooks.rows(sheet);
			assertThat(rows.get(0)).containsExactly("Billing statement");
			assertThat(rows.subList(2, 10)).extracting(row -> row.get(0)).containsExactly("Account", "Account ID",
					"Period", "Time zone", "Currency", "Fixed fees", "Generated at", "Report ID");
			assertThat(rows.get(2).get(1)).isEqualTo("Docs Telecom");
			assertThat(rows.get(3).get(1)).isEqualTo(this.account);
			assertThat(rows.get(4).get(1)).isEqualTo("2026-07-01 to 2026-07-31");
			assertThat(rows.get(5).get(1)).isEqualTo("Europe/Berlin");
			assertThat(rows.get(6).get(1)).isEqualTo("EUR");
			assertThat(rows.get(7).get(1)).isEqualTo("charged in full, whatever the period");
			assertThat((String) rows.get(8).get(1)).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d Europe/Berlin");
			assertThat(rows.get(9).get(1)).isEqualTo(this.reportId);

			assertThat(rows.get(11)).containsExactly("Customer", "Customer ID", "Parent", "Subtotal", "Share of total",
					"With its branches");
			// Depth-first: the branches under their parent (indented), then the next top-level customer.
			assertThat(rows.get(12)).startsWith("Acme Corp", this.corp, null, dec("12.79"));
			assertThat(rows.get(12).get(5)).isEqualTo(dec("38.05"));
			assertThat(rows.get(13)).startsWith("Acme East", this.east, this.corp, dec("12.75"));
			assertThat(rows.get(14)).startsWith("Acme West", this.west, this.corp, dec("12.51"));
			assertThat(rows.get(15)).startsWith("Zed Idle", this.idle, null, dec("12.5"));
			assertThat(sheet.getRow(13).getCell(0).getCellStyle().getIndention()).isEqualTo((short) 1);
			assertThat(sheet.getRow(12).getCell(0).getCellStyle().getIndention()).isZero();
			// 12.79 / 50.55, 12.75 / 50.55, 12.51 / 50.55, 12.50 / 50.55
			assertThat(((BigDecimal) rows.get(12).get(4)).doubleValue()).isCloseTo(0.253017, within(0.000001));
			assertThat(((BigDecimal) rows.get(13).get(4)).doubleValue()).isCloseTo(0.252226, within(0.000001));
			assertThat(((BigDecimal) rows.get(15).get(4)).doubleValue()).isCloseTo(0.247280, within(0.000001));
			assertThat(rows.get(16)).containsExactly("Total", null, null, dec("50.55"));
			assertThat(rows.get(18).get(0)).isEqualTo("Amounts");
			assertThat((String) rows.get(18).get(1)).contains("Base Cost + Billable × Unit Cost + Raw Cost × Multiplier")
				.contains("rounded once, half up, to the cent");
			assertThat(sheet.getRow(12).getCell(3).getCellStyle().getDataFormatString()).isEqualTo("#,##0.00 \"EUR\"");
			assertThat(sheet.getColumnWidth(0)).as("the names fit").isGreaterThanOrEqualTo("Acme Corp".length() * 256);
		}
	}

	@Test
	void theLinesSheetShowsUnitsMultipliersAndSubtotals() throws Exception {
		try (XSSFWorkbook workbook = workbook(admin(), this.reportId)) {
			XSSFSheet sheet = workbook.getSheet("Lines");
			assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).as("frozen header").isEqualTo((short) 1);
			List<List<Object>> rows = Workbooks.rows(sheet);
			String c = this.corp;
			String e = this.east;
			String w = this.west;
			String i = this.idle;
			assertThat(rows).containsExactly(
					List.of("Customer", "Customer ID", "Item", "Unit", "Quantity", "Allowance", "Billable", "Unit Cost",
							"Base Cost", "Raw Cost", "Multiplier", "Rate Deck", "Per-call Charges", "Amount"),
					row("Acme Corp", c, "Base", "fee", 1, null, null, null, "10", "0", "0", null, "0", "10"),
					// 2.5 + 2 × 0.02 + 0.2 × 1.25 = 2.79
					row("Acme Corp", c, "OutboundVoiceCalls", "minutes", 2, 0, 2, "0.02", "2.5", "0.2", "1.25", null, "0.25",
							"2.79"),
					row("Acme Corp", c, "Subtotal", null, null, null, null, null, null, null, null, null, null, "12.79"),
					row("Acme East", e, "Base", "fee", 1, null, null, null, "10", "0", "0", null, "0", "10"),
					// 61 s + 30 s = 2 + 1 minutes; 2.5 + 0.06 + 0.15 × 1.25 = 2.7475 → 2.75
					row("Acme East", e, "OutboundVoiceCalls", "minutes", 3, 0, 3, "0.02", "2.5", "0.15", "1.25", null,
							"0.1875", "2.75"),
					row("Acme East", e, "Subtotal", null, null, null, null, null, null, null, null, null, null, "12.75"),
					row("Acme West", w, "Base", "fee", 1, null, null, null, "10", "0", "0", null, "0", "10"),
					// Nothing billable (an unanswered call), yet the item's base cost: 2.50
					row("Acme West", w, "OutboundVoiceCalls", "minutes", 0, 0, 0, "0.02", "2.5", "0", "1.25", null, "0",
							"2.5"),
					// 2 messages, 1 free: 0.01; the carrier's 0.006 is not passed on (multiplier 0)
					row("Acme West", w, "InboundSmsMessages", "messages", 2, 1, 1, "0.01", "0", "0.006", "0", null, "0",
							"0.01"),
					row("Acme West", w, "Subtotal", null, null, null, null, null, null, null, null, null, null, "12.51"),
					row("Zed Idle", i, "Base", "fee", 1, null, null, null, "10", "0", "0", null, "0", "10"),
					row("Zed Idle", i, "OutboundVoiceCalls", "minutes", 0, 0, 0, "0.02", "2.5", "0", "1.25", null, "0", "2.5"),
					row("Zed Idle", i, "Subtotal", null, null, null, null, null, null, null, null, null, null, "12.5"),
					row("Total", null, null, null, null, null, null, null, null, null, null, null, null, "50.55"));
		}
	}

	/** Text as it is, numbers as decimals: a row as {@link Workbooks#rows} reads it. */
	private static List<Object> row(Object... cells) {
		return Arrays.stream(cells)
			.map(cell -> (cell instanceof Integer number) ? dec(String.valueOf(number))
					: (cell instanceof String text && text.matches("-?[0-9.]+")) ? dec(text) : cell)
			.toList();
	}

	@Test
	void theCallsSheetsListEveryRatedCallSplitAtTheRowLimit() throws Exception {
		try (XSSFWorkbook workbook = workbook(admin(), this.reportId)) {
			assertThat(workbook.getNumberOfSheets()).isEqualTo(4);
			List<String> header = List.of("Customer", "Customer ID", "Call ID", "Start (Europe/Berlin)", "Channel",
					"Direction", "Status", "From", "To", "Duration (s)", "Billable (s)", "Units", "Unit", "Item",
					"Raw Cost", "Pricing", "Rate Deck", "Prefix");
			List<List<Object>> first = Workbooks.rows(workbook.getSheet("Calls"));
			List<List<Object>> second = Workbooks.rows(workbook.getSheet("Calls (2)"));
			assertThat(first.get(0)).isEqualTo(header);
			assertThat(second.get(0)).isEqualTo(header);
			assertThat(first).hasSize(5);
			assertThat(second).hasSize(3);
			// Customers in the billing file's order, each one's calls by start time, in Berlin's time (UTC+2).
			assertThat(first.get(1)).isEqualTo(row("Acme Corp", this.corp, "w6", LocalDateTime.parse("2026-07-07T00:30"),
					"voice", "outbound", "completed", "+1", "+2", 120, 120, 2, "minutes", "OutboundVoiceCalls", "0.2",
					"carrier", null, null));
			assertThat(first.get(2)).isEqualTo(row("Acme East", this.east, "w2", LocalDateTime.parse("2026-07-01T10:00"),
					"voice", "outbound", "completed", "+1", "+2", 30, 30, 1, "minutes", "OutboundVoiceCalls", "0.05",
					"carrier", null, null));
			assertThat(first.get(3).get(2)).isEqualTo("w1");
			assertThat(first.get(4).get(2)).isEqualTo("w3");
			assertThat(second.get(1).get(2)).isEqualTo("w4");
			// Not billed: 0 units, no raw cost.
			assertThat(second.get(2)).isEqualTo(row("Acme West", this.west, "w5", LocalDateTime.parse("2026-07-05T11:00"),
					"voice", "outbound", "no-answer", "+1", "+2", 20, 0, 0, "minutes", "OutboundVoiceCalls", "0",
					"carrier", null, null));
			assertThat(workbook.getSheet("Calls").getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
		}
	}

	@Test
	void theLinesAsJsonCarryTheAccountPeriodSubtotalsAndTotal() {
		JsonNode lines = ok(admin().get("/reports/" + this.reportId + "/lines"));
		assertThat(lines.get("accountName").asString()).isEqualTo("Docs Telecom");
		assertThat(lines.get("currency").asString()).isEqualTo("EUR");
		assertThat(lines.get("timeZoneId").asString()).isEqualTo("Europe/Berlin");
		assertThat(lines.get("firstDay").asString()).isEqualTo("2026-07-01");
		assertThat(lines.get("lastDay").asString()).isEqualTo("2026-07-31");
		assertThat(lines.get("proration").asString()).isEqualTo("none");
		assertThat(lines.get("total").decimalValue()).isEqualByComparingTo("50.55");
		JsonNode customers = lines.get("customers");
		assertThat(customers.valueStream().map(customer -> customer.get("customerName").asString()))
			.containsExactly("Acme Corp", "Acme East", "Acme West", "Zed Idle");
		JsonNode east = customers.get(1);
		assertThat(east.get("parentCustomerId").asString()).isEqualTo(this.corp);
		assertThat(east.get("total").decimalValue()).isEqualByComparingTo("12.75");
		JsonNode voice = east.get("lines").get(1);
		assertThat(voice.get("unit").asString()).isEqualTo("minutes");
		assertThat(voice.get("rawCost").decimalValue()).isEqualByComparingTo("0.15");
		assertThat(voice.get("rawUnitMultiplier").decimalValue()).isEqualByComparingTo("1.25");
		assertThat(voice.get("perCallCharges").decimalValue()).isEqualByComparingTo("0.1875");
		assertThat(voice.get("amount").decimalValue()).isEqualByComparingTo("2.75");
		// ServiceStack clients reach it by its DTO's pre-defined route too.
		assertThat(ok(admin().get("/api/GetReportLines?id=" + this.reportId))).isEqualTo(lines);
		assertThat(admin().get("/api/DownloadReportCalls?id=" + this.reportId + "&customerId=" + this.west).body()
			.lines()).hasSize(4);
	}

	@Test
	void theCallDetailHasOneLinePerRatedCallAndCanBeLimitedToABranch() throws Exception {
		List<CSVRecord> all = csv(admin().get("/reports/" + this.reportId + "/calls.csv"));
		assertThat(all).extracting(call -> call.get("callId")).containsExactly("w6", "w2", "w1", "w3", "w4", "w5");
		CSVRecord w1 = all.get(2);
		assertThat(w1.get("reportId")).isEqualTo(this.reportId);
		assertThat(w1.get("accountId")).isEqualTo(this.account);
		assertThat(w1.get("customerId")).isEqualTo(this.east);
		assertThat(w1.get("startTime")).isEqualTo("2026-07-02T12:00:00+02:00");
		assertThat(w1.get("units")).isEqualTo("2");
		assertThat(w1.get("unit")).isEqualTo("minutes");
		assertThat(w1.get("rawCost")).isEqualTo("0.1");
		assertThat(csv(admin().get("/reports/" + this.reportId + "/calls.csv?customerId=" + this.west)))
			.extracting(call -> call.get("callId")).containsExactly("w3", "w4", "w5");
		assertThat(csv(admin().get("/reports/" + this.reportId + "/calls.csv?customerId=" + this.corp)))
			.extracting(call -> call.get("callId")).containsExactly("w6", "w2", "w1", "w3", "w4", "w5");
		ApiResponse unknown = admin().get("/reports/" + this.reportId + "/calls.csv?customerId=nobody");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.json().at("/responseStatus/errorCode").asString()).isEqualTo("NotFound");
	}

	@Test
	void downloadsAreNamedAfterTheAccountAndPeriod() {
		String name = "billing-" + this.account + "-2026-07-01-2026-07-31";
		assertThat(admin().get("/reports/" + this.reportId + ".csv").header("Content-Disposition"))
			.contains("filename=\"" + name + ".csv\"");
		assertThat(admin().get("/reports/" + this.reportId + ".xlsx").header("Content-Disposition"))
			.contains("filename=\"" + name + ".xlsx\"");
		assertThat(admin().get("/reports/" + this.reportId + "/calls.csv").header("Content-Disposition"))
			.contains("filename=\"" + name + "-calls.csv\"");
	}

	@Test
	void aCustomerSeesWhatItIsChargedWithoutTheCarriersCost() throws Exception {
		String user = this.account + "-user";
		ok(admin().post("/users", Map.of("username", user, "password", "customer-secret-1", "role", "Customer",
				"accountId", this.account, "customerId", this.corp)));
		Api customer = anonymous().as(user, "customer-secret-1");
		JsonNode report = new Fixtures(customer).runReport(july());
		String id = report.get("id").asString();

		try (XSSFWorkbook workbook = workbook(customer, id)) {
			List<List<Object>> lines = Workbooks.rows(workbook.getSheet("Lines"));
			assertThat(lines.get(0)).containsExactly("Customer", "Customer ID", "Item", "Unit", "Quantity", "Allowance",
					"Billable", "Unit Cost", "Base Cost", "Per-call Charges", "Amount");
			// Acme East's voice: what it is charged for the calls' costs (0.1875), not what they cost (0.15).
			assertThat(lines).contains(row("Acme East", this.east, "OutboundVoiceCalls", "minutes", 3, 0, 3, "0.02",
					"2.5", "0.1875", "2.75"));
			assertThat(Workbooks.rows(workbook.getSheet("Calls")).get(0)).doesNotContain("Raw Cost").hasSize(14);
			assertThat((String) Workbooks.rows(workbook.getSheet("Summary")).get(17).get(1))
				.contains("Per-call Charges").doesNotContain("Raw Cost");
			assertThat(workbook.getSheet("Summary").getRow(11).getCell(0).getStringCellValue()).isEqualTo("Customer");
		}
		JsonNode json = ok(customer.get("/reports/" + id + "/lines"));
		assertThat(json.toString()).doesNotContain("rawCost").doesNotContain("rawUnitMultiplier");
		assertThat(json.get("customers").valueStream().map(c -> c.get("customerName").asString()))
			.containsExactly("Acme Corp", "Acme East", "Acme West");
		List<CSVRecord> calls = csv(customer.get("/reports/" + id + "/calls.csv"));
		assertThat(calls.get(0).toMap()).doesNotContainKeys("rawCost", "pricing", "rateDeck", "ratePrefix");
		assertThat(calls).hasSize(6);
		assertThat(csv(customer.get("/reports/" + id + ".csv"))).allSatisfy(line -> assertThat(line.get("Raw Cost"))
			.isEmpty());
		// Its link, opened without credentials, is the customer's view too.
		Api nobody = anonymous();
		String link = report.get("workbookLink").asString();
		try (XSSFWorkbook linked = Workbooks.open(nobody.get(link.substring(link.indexOf("/reports/"))).bodyBytes())) {
			assertThat(Workbooks.rows(linked.getSheet("Lines")).get(0)).doesNotContain("Raw Cost", "Multiplier");
		}
		// The provider's staff see the carrier's cost of the same report.
		assertThat(csv(admin().get("/reports/" + id + "/calls.csv")).get(0).get("rawCost")).isEqualTo("0.2");
	}

	private static List<CSVRecord> csv(ApiResponse response) throws Exception {
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return CSVFormat.RFC4180.builder().setHeader().get().parse(new StringReader(response.body())).getRecords();
	}

}
