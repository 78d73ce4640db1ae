package org.billingreports.servicestack;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.TreeSet;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import org.billingreports.support.Api;
import org.billingreports.support.ApiResponse;
import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;
import org.billingreports.support.RatingGate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingreports.support.Fixtures.item;
import static org.billingreports.support.Fixtures.ok;

/**
 * The rest of ServiceStack's wire conventions: property names in any case, {@code /Date()/} dates,
 * pre-defined routes for every request DTO, the HTML format for browsers, error bodies whatever the
 * {@code Accept} header, and a report's formats by suffix or {@code ?format=}.
 */
@Import(RatingGate.Configuration.class)
class ServiceStackSurfaceTest extends ApiTestSupport {

	private static final String HEADER = "callId,customerId,channel,direction,from,to,startTime,answerTime,endTime,"
			+ "durationSeconds,billableSeconds,status,carrierCost";

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping handlerMapping;

	private String account;

	private Fixtures fixtures;

	@BeforeEach
	void setUp() {
		this.account = unique("ss");
		this.fixtures = new Fixtures(admin());
		// Berlin: a date is a day there, not in UTC.
		this.fixtures.account(this.account, "Europe/Berlin",
				Map.of("outboundSmsMessages", item("0", "0", "0.5", 0)));
		this.fixtures.customer(this.account + "-c", this.account, null, "Customer", null, null);
		// SMS around July in Berlin's time: 22:30 UTC on June 30 is already July 1 in Berlin.
		StringBuilder calls = new StringBuilder(HEADER);
		for (String start : List.of("2026-06-30T22:30:00Z", "2026-07-01T10:00:00Z", "2026-07-31T21:30:00Z",
				"2026-08-01T10:00:00Z")) {
			calls.append('\n').append("s").append(start.hashCode()).append(',').append(this.account)
				.append("-c,sms,outbound,+1,+2,").append(start).append(",,,0,0,completed,0");
		}
		this.fixtures.importCalls(this.account, calls.toString());
	}

	private String calls(JsonNode report) {
		JsonNode ended = this.fixtures.awaitEnd(report.get("id").asString());
		assertThat(ended.get("status").asString()).as(ended.toString()).isEqualTo("Completed");
		return ended.get("statusMessage").asString();
	}

	@Test
	void propertyNamesMatchInAnyCaseInJsonFormsAndQueryStrings() {
		Map<String, Object> pascal = Map.of("AccountId", this.account, "STARTDATE", "2026-07-01", "endDate",
				"2026-07-31", "IncludeCustomerIds", true, "SomethingElse", "ignored, as ServiceStack ignores it");
		JsonNode fromJson = ok(admin().post("/reports/billing", pascal));
		assertThat(fromJson.get("includeCustomerIds").asBoolean()).isTrue();
		assertThat(calls(fromJson)).contains("3 calls");

		JsonNode fromForm = ok(admin().send("POST", "/reports/billing", "application/x-www-form-urlencoded",
				"ACCOUNTID=" + this.account + "&StartDate=2026-07-01&EndDate=2026-07-31"));
		assertThat(calls(fromForm)).contains("3 calls");
		JsonNode fromQuery = ok(admin().send("POST",
				"/reports/billing?accountid=" + this.account + "&startdate=2026-07-01&enddate=2026-07-31", null,
				(String) null));
		assertThat(calls(fromQuery)).contains("3 calls");
		// Query parameters of the other routes, too.
		assertThat(ok(admin().get("/reports?AccountId=" + this.account + "&Take=2")).get("reports").size()).isEqualTo(2);
		assertThat(ok(admin().get("/customers?ACCOUNTID=" + this.account)).get("customers").size()).isOne();

		ApiResponse wrongType = admin().post("/reports/billing", Map.of("accountId", this.account, "startDate",
				"2026-07-01", "endDate", "2026-07-31", "IncludeCustomerIds", "maybe"));
		assertThat(wrongType.status()).isEqualTo(400);
		assertThat(wrongType.json().at("/responseStatus/errors/0/fieldName").asString()).isEqualTo("includeCustomerIds");
	}

	@Test
	void datesComeAsServiceStackWritesThemToo() {
		// 2026-07-01T00:00:00Z and 2026-08-01T00:00:00Z: UTC instants, [start, end).
		JsonNode utc = ok(admin().post("/reports/billing", Map.of("accountId", this.account, "startDate",
				"/Date(1782864000000)/", "endDate", "\\/Date(1785542400000)\\/")));
		assertThat(utc.get("startDate").asString()).isEqualTo("2026-07-01T00:00:00Z");
		assertThat(calls(utc)).as("10:00 on July 1 and 21:30 on July 31, UTC").contains("2 calls");
		// With an offset: the same instants, 02:00 at +02:00.
		JsonNode offset = ok(admin().post("/reports/billing", Map.of("accountId", this.account, "startDate",
				"/Date(1782864000000+0200)/", "endDate", "/Date(1785542400000+0200)/")));
		assertThat(offset.get("startDate").asString()).isEqualTo("2026-07-01T02:00+02:00");
		assertThat(calls(offset)).contains("2 calls");
		// -0000, a .NET date of no kind: the local time, in the account's zone (Berlin, UTC+2 in July).
		JsonNode local = ok(admin().send("POST", "/reports/billing?accountId=" + this.account
				+ "&startDate=/Date(1782864000000-0000)/&endDate=/Date(1785542400000-0000)/", null, (String) null));
		assertThat(local.get("startDate").asString()).isEqualTo("2026-07-01T00:00");
		assertThat(calls(local)).as("from 22:00 UTC on June 30 to 22:00 UTC on July 31: July in Berlin")
			.contains("3 calls");
	}

	@Test
	void everyRestRouteHasARequestDtoAndEveryDtoARoute() {
		Set<String> routes = new TreeSet<>();
		this.handlerMapping.getHandlerMethods().keySet().forEach(mapping -> mapping.getPathPatternsCondition()
			.getPatternValues()
			.forEach(path -> mapping.getMethodsCondition().getMethods().forEach(method -> routes.add(method + " " + path))));
		Set<String> named = new TreeSet<>();
		RequestDtos.all().forEach(dto -> named.add(dto.method().name() + " " + dto.path()));
		assertThat(routes).containsAll(named);
		// Routes that are not operations of the API: the error page, the OpenAPI description, the
		// file downloads by suffix (DownloadReport is GET /reports/{id}?format=), the same provider
		// route under its other verbs, and BillingReport's other verbs; the API browser; the operator
		// console's pages; and the routes switches post legs to as their modules do, never as a ServiceStack client.
		routes.removeIf(route -> route.startsWith("POST /calls/freeswitch/") || route.endsWith(" /error") || route.equals("GET /") || route.contains(" /console") || route.contains("/openapi") || route.contains("/swagger-ui")
				|| route.contains(".csv")
				|| route.contains(".xlsx") || (route.startsWith("GET /auth") && !route.equals("GET /auth/status")) || route.endsWith("/auth/{provider}")
				|| (route.endsWith("/reports/billing") && !route.startsWith("POST")));
		assertThat(named).containsAll(routes);
	}

	@Test
	void everyRequestDtoRunsOnTheApiAndJsonReplyRoutesAsOnItsRestRoute() {
		Api admin = admin();
		String other = unique("ss2");
		String customer = other + "-c";
		String number = "+1555" + (System.nanoTime() % 10_000_000);

		JsonNode created = ok(admin.post("/api/CreateAccount", Map.of("id", other, "name", "Other", "timeZoneId", "UTC")));
		assertThat(created.get("webhookSecret").asString()).startsWith("whsec_");
		assertThat(ok(admin.get("/json/reply/GetAccount?id=" + other)).get("name").asString()).isEqualTo("Other");
		assertThat(ok(admin.post("/api/GetAccount", Map.of("Id", other)))).isEqualTo(ok(admin.get("/accounts/" + other)));
		assertThat(ok(admin.put("/json/reply/UpdateAccount", Map.of("id", other, "name", "Renamed"))).get("name")
			.asString()).isEqualTo("Renamed");
		assertThat(ok(admin.get("/api/ListAccounts")).get("accounts").findValuesAsString("id")).contains(other);

		ok(admin.post("/json/reply/CreateCustomer", Map.of("id", customer, "accountId", other, "name", "C")));
		assertThat(ok(admin.get("/api/GetCustomer?id=" + customer)).get("name").asString()).isEqualTo("C");
		assertThat(ok(admin.put("/api/UpdateCustomer", Map.of("id", customer, "accountId", other, "name", "D")))
			.get("name").asString()).isEqualTo("D");
		assertThat(ok(admin.get("/json/reply/ListCustomers?accountId=" + other)))
			.isEqualTo(ok(admin.get("/customers?accountId=" + other)));

		ok(admin.post("/api/CreatePhoneNumber", Map.of("accountId", other, "customerId", customer, "number", number)));
		assertThat(ok(admin.get("/api/ListPhoneNumbers?accountId=" + other)).get("phoneNumbers").size()).isOne();
		assertThat(admin.delete("/json/reply/DeletePhoneNumber?number=" + number.replace("+", "%2B")).status())
			.isEqualTo(204);
		assertThat(ok(admin.get("/json/reply/ListPhoneNumbers?accountId=" + other)).get("phoneNumbers").size()).isZero();

		// A call-record file goes as it is, CSV body and all.
		JsonNode imported = ok(admin.send("POST", "/api/ImportCalls?accountId=" + other, "text/csv",
				HEADER + "\nx1," + customer + ",voice,outbound,+1,+2,2026-07-02T10:00:00Z,,,60,60,completed,0"));
		assertThat(imported.get("imported").asInt()).isOne();
		assertThat(ok(admin.get("/api/GetCallImport?id=" + imported.get("id").asString())))
			.isEqualTo(ok(admin.get("/calls/imports/" + imported.get("id").asString())));
		assertThat(admin.post("/json/reply/RestartCallImport", Map.of("id", imported.get("id").asString())).status())
			.as("only a failed import restarts").isEqualTo(409);

		JsonNode report = ok(admin.post("/api/BillingReport",
				Map.of("accountId", other, "startDate", "2026-07-01", "endDate", "2026-07-31")));
		String id = report.get("id").asString();
		this.fixtures.awaitEnd(id);
		assertThat(ok(admin.get("/api/GetReport?id=" + id)).get("status").asString()).isEqualTo("Completed");
		assertThat(ok(admin.send("POST", "/json/reply/GetReport", "text/plain", "{\"id\":\"" + id + "\"}")).get("id")
			.asString()).isEqualTo(id);
		assertThat(ok(admin.get("/json/reply/ListReports?accountId=" + other)).get("reports").size()).isOne();
		ApiResponse download = admin.get("/api/DownloadReport?id=" + id + "&format=csv");
		assertThat(download.status()).isEqualTo(200);
		assertThat(download.body()).isEqualTo(admin.get("/reports/" + id + ".csv").body());
		assertThat(admin.post("/api/RestartReport", Map.of("id", id)).status()).as("only a failed report restarts")
			.isEqualTo(409);
		assertThat(admin.delete("/api/DeleteReport?id=" + id).status()).isEqualTo(204);
		assertThat(admin.get("/reports/" + id).status()).isEqualTo(404);

		String userId = ok(admin.post("/api/CreateUser", Map.of("username", other + "-u", "password",
				"pre-defined-password", "role", "Manager", "accountId", other))).get("id").asString();
		assertThat(ok(admin.get("/json/reply/ListUsers")).get("users").findValuesAsString("id")).contains(userId);
		String keyId = ok(admin.post("/json/reply/CreateApiKey", Map.of("id", userId, "name", "k"))).get("id")
			.asString();
		assertThat(ok(admin.get("/api/ListApiKeys?id=" + userId)).get("apiKeys").size()).isOne();
		assertThat(admin.delete("/api/RevokeApiKey?id=" + userId + "&keyId=" + keyId).status()).isEqualTo(204);
		assertThat(admin.delete("/json/reply/DeleteUser?id=" + userId).status()).isEqualTo(204);
		ApiResponse switchCredential = admin.post("/api/CreateSwitchCredential", Map.of("id", other));
		assertThat(switchCredential.status()).isEqualTo(201);
		String credentialId = switchCredential.json().get("id").asString();
		assertThat(ok(admin.get("/api/ListSwitchCredentials?id=" + other)).get("switchCredentials").size()).isOne();
		assertThat(admin.delete("/api/RevokeSwitchCredential?id=" + other + "&credentialId=" + credentialId).status())
			.isEqualTo(204);
		assertThat(ok(admin.get("/json/reply/ListPushedLegRejections?accountId=" + other)).get("rejections").size())
			.isZero();

		assertThat(ok(admin.get("/api/GetAuthStatus")).get("isAuthenticated").asBoolean()).isTrue();
		assertThat(anonymous().get("/api/AuthenticateLogout").status()).isEqualTo(200);
	}

	@Test
	void preDefinedRoutesRefuseWhatServiceStackRefuses() {
		ApiResponse unknown = admin().get("/api/NoSuchDto");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.json().at("/responseStatus/message").asString()).contains("NoSuchDto");
		ApiResponse wrongVerb = admin().send("DELETE", "/api/GetReport?id=x", null, (String) null);
		assertThat(wrongVerb.status()).isEqualTo(405);
		assertThat(wrongVerb.header("Allow")).isEqualTo("GET, POST");
		ApiResponse noId = admin().get("/api/GetReport");
		assertThat(noId.status()).isEqualTo(400);
		assertThat(noId.json().at("/responseStatus/errorCode").asString()).isEqualTo("NotEmpty");
		ApiResponse notJson = admin().send("POST", "/api/BillingReport", "text/plain", "accountId=x");
		assertThat(notJson.status()).isEqualTo(400);
		assertThat(notJson.json().at("/responseStatus/errorCode").asString()).isEqualTo("SerializationException");
		// Security still applies to the REST route each one runs.
		assertThat(anonymous().get("/api/ListReports").status()).isEqualTo(401);
		assertThat(ok(anonymous().get("/api")).get("apis").findValuesAsString("name")).contains("BillingReport",
				"GetReport", "DeleteReport");
	}

	@Test
	void aOneWayRequestRunsAndAnswersNothing() {
		ApiResponse oneWay = admin().post("/json/oneway/BillingReport",
				Map.of("accountId", this.account, "startDate", "2026-07-01", "endDate", "2026-07-31"));
		assertThat(oneWay.status()).isEqualTo(204);
		assertThat(oneWay.body()).isEmpty();
		assertThat(ok(admin().get("/reports?accountId=" + this.account)).get("reports").size()).isOne();
		// A refused one still says why.
		assertThat(admin().post("/json/oneway/BillingReport", Map.of("accountId", this.account)).status())
			.isEqualTo(400);
	}

	@Test
	void aBrowserGetsAReadablePageAndEveryErrorHasABody() {
		String browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
		JsonNode report = ok(admin().post("/reports/billing",
				Map.of("accountId", this.account, "startDate", "2026-07-01", "endDate", "2026-07-31")));
		String id = report.get("id").asString();
		ApiResponse page = admin().sendWithAccept("GET", "/reports/" + id, browser);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.header("Content-Type")).startsWith("text/html");
		assertThat(page.body()).contains("<title>ReportInfo Snapshot of ", "&quot;id&quot; : &quot;" + id);
		assertThat(admin().get("/reports/" + id + "?format=html").header("Content-Type")).startsWith("text/html");
		// The pre-defined routes stay JSON for a browser, unless asked.
		assertThat(admin().sendWithAccept("GET", "/api/GetReport?id=" + id, browser).header("Content-Type"))
			.startsWith("application/json");
		assertThat(admin().sendWithAccept("GET", "/api/GetReport?id=" + id + "&format=html", browser)
			.header("Content-Type")).startsWith("text/html");

		ApiResponse missing = admin().sendWithAccept("GET", "/reports/no-such-report", browser);
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.header("Content-Type")).startsWith("text/html");
		assertThat(missing.body()).contains("NotFound", "Report &#39;no-such-report&#39; was not found");

		// A program that asks only for CSV (a download) still gets the error's reason.
		ApiResponse csvOnly = admin().sendWithAccept("GET", "/reports/no-such-report.csv", "text/csv");
		assertThat(csvOnly.status()).isEqualTo(404);
		assertThat(csvOnly.json().at("/responseStatus/errorCode").asString()).isEqualTo("NotFound");
		ApiResponse notAcceptable = admin().sendWithAccept("GET", "/reports/" + id, "text/csv");
		assertThat(notAcceptable.status()).isEqualTo(406);
		assertThat(notAcceptable.json().at("/responseStatus/errorCode").asString()).isEqualTo("NotAcceptable");
		assertThat(admin().sendWithAccept("GET", "/reports/" + id, "*/*").header("Content-Type"))
			.startsWith("application/json");
	}

	@Test
	void aReportsFormatsComeBySuffixOrFormatWithTheSameRulesAndLinks() throws Exception {
		JsonNode report = ok(admin().post("/reports/billing", Map.of("accountId", this.account, "startDate",
				"2026-07-01", "endDate", "2026-07-31", "includeCustomerIds", true)));
		String id = report.get("id").asString();
		JsonNode done = this.fixtures.awaitEnd(id);
		String csv = admin().get("/reports/" + id + ".csv").body();
		assertThat(admin().get("/reports/" + id + "?format=csv").body()).isEqualTo(csv);
		ApiResponse byFormat = admin().get("/reports/" + id + "?format=xlsx");
		assertThat(byFormat.header("Content-Type"))
			.isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(byFormat.bodyBytes()))) {
			Sheet lines = workbook.getSheet("Lines");
			assertThat(lines.getRow(1).getCell(0).getStringCellValue()).isEqualTo("Customer");
			assertThat(lines.getRow(0).getCell(4).getStringCellValue()).isEqualTo("Quantity");
			assertThat(lines.getRow(1).getCell(4).getNumericCellValue()).as("quantity").isEqualTo(3);
		}
		// The download link's token opens the workbook too, without credentials; a wrong one does not.
		String token = done.get("downloadLink").asString().replaceAll(".*token=", "");
		assertThat(anonymous().get("/reports/" + id + ".xlsx?token=" + token).bodyBytes())
			.isEqualTo(admin().get("/reports/" + id + ".xlsx").bodyBytes());
		assertThat(anonymous().get("/reports/" + id + "?format=xlsx&token=" + token).status()).isEqualTo(200);
		assertThat(anonymous().get("/reports/" + id + ".xlsx?token=1." + token).status()).isEqualTo(403);
		assertThat(anonymous().get("/reports/" + id + ".xlsx").status()).isEqualTo(401);
		assertThat(anonymous().get("/reports/" + id + "?format=json").status()).isEqualTo(401);

		ApiResponse pdf = admin().get("/reports/" + id + ".pdf");
		assertThat(pdf.status()).isEqualTo(400);
		assertThat(pdf.json().at("/responseStatus/message").asString()).contains("csv", "xlsx", "json");
		ApiResponse xml = admin().get("/reports/" + id + "?format=xml");
		assertThat(xml.status()).isEqualTo(400);
		assertThat(xml.json().at("/responseStatus/message").asString()).contains("json, html, csv", "xlsx");

		// Before it is completed: 409, for every format.
		CountDownLatch rating = RatingGate.GATE.hold(this.account + "-c");
		try {
			String running = ok(admin().post("/reports/billing", Map.of("accountId", this.account, "startDate",
					"2026-07-01", "endDate", "2026-07-31"))).get("id").asString();
			assertThat(rating.await(30, TimeUnit.SECONDS)).isTrue();
			for (String path : List.of(".csv", ".xlsx", "?format=xlsx", "?format=csv")) {
				ApiResponse early = admin().get("/reports/" + running + path);
				assertThat(early.status()).as(path).isEqualTo(409);
				assertThat(early.json().at("/responseStatus/errorCode").asString()).isEqualTo("NotCompleted");
			}
		}
		finally {
			RatingGate.GATE.releaseAll();
		}
	}

}
