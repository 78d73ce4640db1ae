package org.billingreports.billingjob;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
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
			Sheet sheet = workbook.getSheetAt(0);
			for (int r = 1; r <= HOSTILE.size(); r++) {
				assertThat(sheet.getRow(r).getCell(0).getCellType()).isEqualTo(CellType.STRING);
			}
			List<String> names = new java.util.ArrayList<>();
			sheet.forEach(row -> names.add(row.getCell(0).getStringCellValue()));
			assertThat(names).contains("=HYPERLINK(\"http://evil.example\",\"x\")", "@SUM(A1:A2)", "Mallorygnp.exe")
				.noneMatch(name -> name.contains("\u202E"));
		}
	}

}
