package org.billingreports.statement;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Names that would run as formulas, or read backwards, in a spreadsheet: the CSV prefixes a cell that
 * starts like a formula with a quote (OWASP), the workbook writes it as a text cell, and both drop
 * bidirectional control characters.
 */
class SpreadsheetSafetyTest extends ApiTestSupport {

	private static final List<String> HOSTILE = List.of("=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3",
			"@SUM(A1:A2)", "Mallory\u202Egnp.exe", "Plain Name");

	@Test
	void namesCannotRunAsFormulasOrReadBackwards() throws Exception {
		String account = unique("safe");
		Fixtures fixtures = new Fixtures(admin());
		fixtures.account(account, "UTC", Map.of("base", Fixtures.item("1", "0", "0", 0)));
		for (int i = 0; i < HOSTILE.size(); i++) {
			fixtures.customer(account + "-" + i, account, null, HOSTILE.get(i), null, null);
		}
		JsonNode report = fixtures.runReport(Map.of("accountId", account, "startDate", "2026-07-01", "endDate",
				"2026-07-31"));
		String id = report.get("id").asString();

		List<String> csvNames = CSVFormat.RFC4180.builder()
			.setHeader()
			.get()
			.parse(new StringReader(admin().get("/reports/" + id + ".csv").body()))
			.getRecords()
			.stream()
			.map(record -> record.get("Customer"))
			.toList();
		assertThat(csvNames).containsExactlyInAnyOrder("'+1+1", "'-2+3", "'=HYPERLINK(\"http://evil.example\",\"x\")",
				"'@SUM(A1:A2)", "Mallorygnp.exe", "Plain Name");

		try (Workbook workbook = WorkbookFactory
			.create(new ByteArrayInputStream(admin().get("/reports/" + id + ".xlsx").bodyBytes()))) {
			Sheet lines = workbook.getSheet("Lines");
			List<String> names = new ArrayList<>();
			lines.forEach(row -> names.add(row.getCell(0).getStringCellValue()));
			assertThat(names).contains("=HYPERLINK(\"http://evil.example\",\"x\")", "@SUM(A1:A2)", "Mallorygnp.exe")
				.noneMatch(name -> name.contains("\u202E"));
			// Not one formula anywhere: every name, on every sheet, is a text cell.
			workbook.forEach(sheet -> sheet.forEach(row -> row.forEach(
					cell -> assertThat(cell.getCellType()).as(sheet.getSheetName() + " " + cell.getAddress())
						.isNotEqualTo(CellType.FORMULA))));
		}
	}

	@Test
	void theCallDetailQuotesWhatLooksLikeAFormulaButLeavesPhoneNumbersAlone() throws Exception {
		String account = unique("safe-calls");
		Fixtures fixtures = new Fixtures(admin());
		fixtures.account(account, "UTC", Map.of("outboundVoiceCalls", Fixtures.item("0", "0", "0.01", 0)));
		fixtures.customer(account + "-c", account, null, "Caller", null, null);
		fixtures.importCalls(account, String.join("\n",
				"callId,customerId,channel,direction,from,to,startTime,answerTime,endTime,durationSeconds,"
						+ "billableSeconds,status,carrierCost",
				"s1," + account + "-c,voice,outbound,+15551234567,=2+5,2026-07-02T10:00:00Z,,,60,60,completed,0.01"));
		String id = fixtures.runReport(Map.of("accountId", account, "startDate", "2026-07-01", "endDate", "2026-07-31"))
			.get("id").asString();
		CSVRecord call = CSVFormat.RFC4180.builder().setHeader().get()
			.parse(new StringReader(admin().get("/reports/" + id + "/calls.csv").body())).getRecords().get(0);
		assertThat(call.get("from")).isEqualTo("+15551234567");
		assertThat(call.get("to")).isEqualTo("'=2+5");
	}

}

