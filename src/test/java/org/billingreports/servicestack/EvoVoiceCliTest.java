package org.billingreports.servicestack;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

import org.billingreports.support.Api;
import org.billingreports.support.ApiResponse;
import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Cookies;
import org.billingreports.support.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.billingreports.support.Fixtures.item;
import static org.billingreports.support.Fixtures.ok;

/**
 * What Evo Voice's command-line client ({@code evov} 0.2.0) sends, call for call, as its
 * {@code http.ts} sends it: {@code auth login}, {@code auth status}, {@code report run billing},
 * {@code report list}, {@code report get}, {@code report download} and {@code report delete}. After
 * the sign-in it sends only the cookies it kept, every one of them, raw.
 */
class EvoVoiceCliTest extends ApiTestSupport {

	private static final String USER_AGENT = "evo-voice-cli/0.2.0";

	@Test
	void theCommandLineClientSignsInRunsDownloadsAndDeletesAReportWithCookiesAlone() throws IOException {
		String account = unique("evov");
		String user = unique("ops") + "@example.com";
		String password = "a-long-password-1";
		Fixtures fixtures = new Fixtures(admin());
		fixtures.account(account, "UTC", Map.of("outboundVoiceCalls", item("2.5", "1.25", "0.02", 0)));
		fixtures.customer(account + "-b", account, null, "=HYPERLINK(\"http://evil.example\")", null, null);
		fixtures.customer(account + "-a", account, null, "Acme", null, null);
		fixtures.importCalls(account, String.join("\n",
				"callId,customerId,channel,direction,from,to,startTime,answerTime,endTime,durationSeconds,"
						+ "billableSeconds,status,carrierCost",
				"c1," + account + "-a,voice,outbound,+1,+2,2026-07-02T10:00:00Z,,,125,121,completed,0.0123",
				"c2," + account + "-b,voice,outbound,+1,+2,2026-07-03T10:00:00Z,,,60,60,completed,0.5"));
		ok(admin().post("/users", Map.of("username", user, "password", password, "role", "Manager", "accountId",
				account)));
		Api anonymous = anonymous();

		// evov auth login: POST /auth/credentials, no retry, every Set-Cookie kept.
		ApiResponse login = anonymous.exchange("POST", "/auth/credentials",
				Map.of("User-Agent", USER_AGENT, "Accept", "application/json", "Content-Type", "application/json"),
				json(Map.of("provider", "credentials", "userName", user, "password", password, "rememberMe", true)));
		assertThat(login.status()).as(login.body()).isEqualTo(200);
		Cookies cookies = Cookies.from(login);
		assertThat(cookies.get("ss-id")).isNotBlank();
		assertThat(cookies.get("ss-pid")).isNotBlank();
		assertThat(cookies.get("ss-opt")).isEqualTo("perm");
		assertThat(login.headers().allValues("set-cookie")).allSatisfy(
				setCookie -> assertThat(setCookie).contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Expires"));
		JsonNode signedIn = login.json();
		assertThat(signedIn.get("userName").asString()).isEqualTo(user);
		assertThat(signedIn.get("sessionId").asString()).isEqualTo(cookies.get("ss-pid"));
		assertThat(signedIn.get("roles").get(0).asString()).isEqualTo("Manager");

		// ... then GET /auth/status with those cookies: the account to pick, from parallel lists.
		JsonNode status = ok(get(anonymous, "/auth/status", cookies, "application/json"));
		assertThat(status.get("isAuthenticated").asBoolean()).isTrue();
		assertThat(status.get("emailAddress").asString()).isEqualTo(user);
		assertThat(status.get("accountIds").get(0).asString()).isEqualTo(account);
		assertThat(status.get("accountNames").get(0).asString()).isEqualTo("Account " + account);
		assertThat(status.get("accountIds").size()).isEqualTo(status.get("accountNames").size()).isEqualTo(1);

		// evov auth status: the same call again.
		assertThat(ok(get(anonymous, "/auth/status", cookies, "application/json")).get("isAuthenticated").asBoolean())
			.isTrue();

		// evov report run billing --start-date … --end-date … --include-customer-ids
		ApiResponse run = anonymous.exchange("POST", "/reports/billing", Map.of("User-Agent", USER_AGENT, "Accept",
				"application/json", "Cookie", cookies.header(), "Content-Type", "application/json"),
				json(Map.of("accountId", account, "startDate", "2026-07-01", "endDate", "2026-07-31",
						"includeCustomerIds", true)));
		assertThat(run.status()).as(run.body()).isEqualTo(200);
		String id = run.json().get("id").asString();

		// evov report list, and evov report get <id> (the same list, searched for the id), until it is done.
		assertThat(reportIds(ok(get(anonymous, "/reports?accountId=" + account, cookies, "application/json"))))
			.contains(id);
		await().untilAsserted(() -> {
			JsonNode reports = ok(get(anonymous, "/reports?accountId=" + account, cookies, "application/json"));
			assertThat(find(reports, id).get("status").asString()).isEqualTo("Completed");
		});

		// The report gets a second version (the CLI cannot ask for one; an operator did): the CLI reads it as
		// before, shown by its newest completed version.
		ok(admin().post("/reports/" + id + "/rerun", Map.of()));
		await().untilAsserted(() -> {
			JsonNode reports = ok(get(anonymous, "/reports?accountId=" + account, cookies, "application/json"));
			assertThat(find(reports, id).get("version").asInt()).isEqualTo(2);
			assertThat(find(reports, id).get("status").asString()).isEqualTo("Completed");
		});

		// evov report download <id> --out f: GET /reports/<id>.xlsx, Accept */*.
		ApiResponse download = get(anonymous, "/reports/" + id + ".xlsx", cookies, "*/*");
		assertThat(download.status()).as(download.body()).isEqualTo(200);
		assertThat(download.header("Content-Type"))
			.isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		assertThat(download.header("Content-Disposition"))
			.isEqualTo("attachment; filename=\"billing-" + account + "-2026-07-01-2026-07-31-v2.xlsx\"");
		List<CSVRecord> csv = CSVFormat.RFC4180.builder().setHeader().get().parse(new StringReader(
				ok200(get(anonymous, "/reports/" + id + ".csv", cookies, "*/*")).body())).getRecords();
		assertThat(csv).hasSize(2);
		try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(download.bodyBytes()))) {
			assertThat(workbook.getSheetName(0)).isEqualTo("Summary");
			Sheet sheet = workbook.getSheet("Lines");
			// The CSV's lines in its order, each followed by its customer's subtotal. Sorted by name: '=' before
			// 'A'. 60 s: 2.5 + 1 × 0.02 + 1.25 × 0.5 = 3.145; 121 s: 2.5 + 3 × 0.02 + 1.25 × 0.0123 = 2.575375.
			// Customer, Customer ID, Item, Unit, Quantity, Allowance, Billable, Unit Cost, Base Cost, Raw Cost,
			// Multiplier, Rate Deck, Per-call Charges, Amount.
			int amount = 13;
			assertThat(sheet.getRow(0).getCell(amount).getStringCellValue()).isEqualTo("Amount");
			assertThat(sheet.getRow(1).getCell(amount).getNumericCellValue()).isEqualTo(3.15);
			assertThat(sheet.getRow(1).getCell(1).getStringCellValue()).isEqualTo(csv.get(0).get("Customer ID"));
			assertThat(sheet.getRow(2).getCell(2).getStringCellValue()).isEqualTo("Subtotal");
			assertThat(sheet.getRow(3).getCell(amount).getNumericCellValue()).isEqualTo(2.58);
			assertThat(sheet.getRow(3).getCell(1).getStringCellValue()).isEqualTo(csv.get(1).get("Customer ID"));
			assertThat(sheet.getRow(3).getCell(4).getCellType()).isEqualTo(CellType.NUMERIC);
			// A name that looks like a formula is text in the workbook, never a formula.
			assertThat(sheet.getRow(1).getCell(0).getCellType()).isEqualTo(CellType.STRING);
			assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("=HYPERLINK(\"http://evil.example\")");
		}

		// evov report delete <id> --force: 204, and it is gone.
		ApiResponse deleted = anonymous.exchange("DELETE", "/reports/" + id,
				Map.of("User-Agent", USER_AGENT, "Accept", "application/json", "Cookie", cookies.header()), null);
		assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
		assertThat(reportIds(ok(get(anonymous, "/reports?accountId=" + account, cookies, "application/json"))))
			.doesNotContain(id);
	}

	private static ApiResponse get(Api api, String path, Cookies cookies, String accept) {
		return api.exchange("GET", path, Map.of("User-Agent", USER_AGENT, "Accept", accept, "Cookie", cookies.header()),
				null);
	}

	private static ApiResponse ok200(ApiResponse response) {
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response;
	}

	private static List<String> reportIds(JsonNode list) {
		List<String> ids = new ArrayList<>();
		list.get("reports").forEach(report -> ids.add(report.get("id").asString()));
		return ids;
	}

	private static JsonNode find(JsonNode list, String id) {
		for (JsonNode report : list.get("reports")) {
			if (report.get("id").asString().equals(id)) {
				return report;
			}
		}
		throw new AssertionError("report " + id + " is not listed: " + list);
	}

	private static byte[] json(Map<String, Object> body) {
		return Api.JSON.writeValueAsString(new LinkedHashMap<>(body)).getBytes(StandardCharsets.UTF_8);
	}

}
