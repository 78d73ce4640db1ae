package org.billingreports.console;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.BrowserAvailable;
import org.billingreports.support.Fixtures;
import org.billingreports.support.GatedJobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingreports.support.Fixtures.ok;
import static org.billingreports.support.RatingGate.GATE;

/**
 * The console in a real browser (headless Chromium driven by Selenium), as an operator uses it: each
 * role signs in with the form; a report launched from the form is followed to Completed without a
 * reload, with its partitions' counts; its file is downloaded; a failed report is restarted; an import's
 * rejected lines are read; and users of other tenants see nothing of it. Screenshots of the pages go to
 * {@code target/console-screenshots}.
 */
@GatedJobs
@ExtendWith(BrowserAvailable.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest extends ApiTestSupport {

	private static final String PASSWORD = "console-password-1";

	private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

	private static final Duration WAIT = Duration.ofSeconds(60);

	@Autowired
	JdbcClient jdbc;

	private ChromeDriver browser;

	private Path downloads;

	private String account;

	private String otherAccount;

	private String customerP;

	@BeforeAll
	void startBrowserAndTenants() throws IOException {
		this.downloads = Files.createTempDirectory("console-downloads");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(BrowserAvailable.CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--no-first-run", "--disable-quic", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1280,900",
				"--user-data-dir=" + Files.createTempDirectory("console-chromium"));
		options.setExperimentalOption("prefs", Map.of("download.default_directory", this.downloads.toString(),
				"download.prompt_for_download", false));
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(BrowserAvailable.CHROMEDRIVER.toFile())
			.build();
		this.browser = new ChromeDriver(service, options);
		Files.createDirectories(SCREENSHOTS);

		Fixtures fixtures = new Fixtures(admin());
		this.account = unique("web");
		this.otherAccount = unique("web-other");
		this.customerP = this.account + "-p";
		fixtures.account(this.account, "UTC", Map.of("base", Fixtures.item("5", "0", "0", 0), "outboundVoiceCalls",
				Fixtures.item("0", "1", "0.02", 0)));
		fixtures.account(this.otherAccount, "UTC", Map.of("base", Fixtures.item("5", "0", "0", 0)));
		fixtures.customer(this.customerP, this.account, null, "Parent Web", null, null);
		fixtures.customer(this.account + "-s", this.account, null, "Sibling Web", null, null);
		fixtures.customer(this.otherAccount + "-x", this.otherAccount, null, "Other Web", null, null);
		user(this.account + "-manager", "Manager", this.account, null);
		user(this.otherAccount + "-manager", "Manager", this.otherAccount, null);
		user(this.account + "-customer", "Customer", this.account, this.customerP);
		StringBuilder calls = new StringBuilder("callId,customerId,channel,direction,startTime,billableSeconds,status,"
				+ "carrierCost\n");
		for (int i = 0; i < 40; i++) {
			calls.append("w").append(i).append(',').append((i % 2 == 0) ? this.customerP : this.account + "-s")
				.append(",voice,outbound,2026-07-").append(String.format("%02d", 1 + i % 28))
				.append("T09:00:00Z,").append(60 + i).append(",completed,0.01\n");
		}
		fixtures.importCalls(this.account, calls.toString());
	}

	@AfterEach
	void signOut() {
		GATE.releaseAll();
		this.browser.manage().deleteAllCookies();
	}

	@AfterAll
	void stopBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void eachRoleSignsInWithTheFormAndSeesItsOverview() {
		for (String[] user : List.of(new String[] { ADMIN, ADMIN_PASSWORD, "SystemAdministrator" },
				new String[] { this.account + "-manager", PASSWORD, "Manager" },
				new String[] { this.account + "-customer", PASSWORD, "Customer" })) {
			open("/");
			assertThat(this.browser.getCurrentUrl()).contains("/console/login");
			signIn(user[0], user[1]);
			assertThat(text("#signed-in-as")).isEqualTo(user[0] + " · " + user[2]);
			assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo("Overview");
			assertThat(this.browser.findElements(By.id("nodes-title"))).hasSize(user[2].equals("SystemAdministrator") ? 1 : 0);
			screenshot("overview-" + user[2]);
			// The keyboard reaches the page's content first, then every link of the navigation in order.
			this.browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
			assertThat(this.browser.switchTo().activeElement().getText()).isEqualTo("Skip to content");
			this.browser.switchTo().activeElement().sendKeys(Keys.TAB);
			assertThat(this.browser.switchTo().activeElement().getText()).isEqualTo("Billing reports");
			if (user[2].equals("SystemAdministrator")) {
				open("/console/accounts/" + this.account);
				assertThat(text("#nightly")).isEqualTo("off");
				this.browser.findElement(By.id("edit-account")).click();
				this.browser.findElement(By.id("nightlyEnabled")).click();
				fill("#nightlyEmail", "night@example.com");
				this.browser.findElement(By.id("save-account")).click();
				waitFor(() -> this.browser.getCurrentUrl().contains("saved="));
				assertThat(text("#nightly")).isEqualTo("on, mails night@example.com");
				assertThat(ok(admin().get("/accounts/" + this.account)).get("billingSettings").get("outboundVoiceCalls")
					.get("unitCost").decimalValue()).as("prices kept").isEqualByComparingTo("0.02");
			}
			if (user[2].equals("Manager")) {
				this.browser.findElement(By.linkText("Accounts")).click();
				this.browser.findElement(By.partialLinkText(this.account)).click();
				assertThat(text("#customer-tree")).contains("Parent Web").contains("the account's");
				screenshot("account");
			}
			this.browser.findElement(By.cssSelector("form.who button")).click();
			waitFor(() -> this.browser.getCurrentUrl().contains("/console/login"));
		}
		open("/console/login");
		signIn(ADMIN, "not-the-password");
		assertThat(text("#login-error")).isEqualTo("Invalid Username or Password");
	}

	@Test
	void aReportLaunchedFromTheFormIsFollowedToCompletedWithoutAReload() throws Exception {
		open("/console/reports");
		signIn(this.account + "-manager", PASSWORD);
		this.browser.findElement(By.id("new-report")).click();
		CountDownLatch held = GATE.hold(this.customerP);
		fill("#startDate", "07/01/2026");
		fill("#endDate", "07/31/2026");
		this.browser.findElement(By.id("includeCustomerIds")).click();
		this.browser.findElement(By.id("run-report")).click();
		waitFor(() -> this.browser.getCurrentUrl().matches(".*/console/reports/[0-9a-f-]{36}$"));
		assertThat(held.await(60, TimeUnit.SECONDS)).as("rating reached the gate").isTrue();
		((JavascriptExecutor) this.browser).executeScript("window.notReloaded = true;");
		assertThat(text("#report-status")).doesNotContain("Completed");
		screenshot("report-running");

		GATE.releaseAll();
		waitFor(() -> text("#report-status").contains("Completed"));
		assertThat(((JavascriptExecutor) this.browser).executeScript("return window.notReloaded === true;"))
			.as("followed by the page's live part, not by reloading it")
			.isEqualTo(true);
		List<String> partitions = this.browser.findElements(By.cssSelector("table.steps tbody tr"))
			.stream()
			.map(WebElement::getText)
			.filter(row -> row.startsWith("partition"))
			.toList();
		assertThat(partitions).hasSize(2).allSatisfy(row -> assertThat(row).contains("COMPLETED"));
		long rated = partitions.stream().mapToLong(row -> Long.parseLong(row.split("\\s+")[2])).sum();
		assertThat(rated).as("calls rated by the two partitions").isEqualTo(40);
		assertThat(text("#timeline")).contains("Queued").contains("Running").contains("Completed");
		waitFor(() -> !this.browser.findElements(By.cssSelector("#charts svg")).isEmpty());
		assertThat(text("#charts")).contains("Amount per customer").contains("Parent Web");
		screenshot("report-completed");

		String id = this.browser.getCurrentUrl().substring(this.browser.getCurrentUrl().lastIndexOf('/') + 1);
		this.browser.findElement(By.id("download-csv")).click();
		Path file = this.downloads.resolve(ok(admin().get("/reports/" + id)).get("downloadLink").asString()
			.replaceAll(".*/", "").replaceAll("\\?.*", ""));
		String expected = admin().get("/reports/" + id + ".csv").body();
		waitFor(() -> Files.list(this.downloads).anyMatch(f -> f.toString().endsWith(".csv")));
		Path downloaded = Files.list(this.downloads).filter(f -> f.toString().endsWith(".csv")).findFirst().orElse(file);
		waitFor(() -> Files.readString(downloaded, StandardCharsets.UTF_8).equals(expected));

		this.browser.manage().window().setSize(new Dimension(390, 844));
		this.browser.navigate().refresh();
		screenshot("report-phone");
		this.browser.manage().window().setSize(new Dimension(1280, 900));
	}

	@Test
	void aFailedReportIsRestartedFromItsPage() {
		long failAt = this.jdbc.sql("SELECT MIN(id) FROM call_record WHERE account_id = ?")
			.param(this.account)
			.query(Long.class)
			.single();
		GATE.failOnceAt(failAt);
		Fixtures fixtures = new Fixtures(admin());
		JsonNode failed = fixtures
			.runReport(Map.of("accountId", this.account, "startDate", "2026-07-01", "endDate", "2026-07-31"));
		assertThat(failed.get("status").asString()).isEqualTo("Error");
		String id = failed.get("id").asString();

		open("/console/reports?status=Error&accountId=" + this.account);
		signIn(this.account + "-manager", PASSWORD);
		this.browser.findElement(By.cssSelector("#report-" + id + " a")).click();
		assertThat(text("#report-status")).contains("Error").contains("injected failure at call record " + failAt);
		screenshot("report-failed");
		this.browser.findElement(By.id("restart")).click();
		waitFor(() -> text("#report-status").contains("Completed"));
		assertThat(this.browser.findElements(By.cssSelector(".execution"))).as("both executions").hasSize(2);
	}

	@Test
	void anImportsRejectedLinesAreShownWithTheirLineNumbers() throws IOException {
		Path file = Files.createTempFile("calls", ".csv");
		StringBuilder lines = new StringBuilder("callId,customerId,channel,direction,startTime,billableSeconds,status\n");
		for (int i = 1; i <= 10; i++) {
			lines.append("r").append(i).append(',').append((i == 2) ? "nobody" : this.customerP)
				.append((i == 4) ? ",voice,sideways," : ",voice,outbound,").append("2026-08-01T10:00:")
				.append(String.format("%02d", i)).append("Z,60,completed\n");
		}
		Files.writeString(file, lines);
		open("/console/imports");
		signIn(this.account + "-manager", PASSWORD);
		this.browser.findElement(By.id("new-import")).click();
		this.browser.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
		this.browser.findElement(By.id("upload")).click();
		waitFor(() -> text("#import-status").contains("Completed"));
		List<String> rejected = this.browser.findElements(By.cssSelector("#rejections tbody tr"))
			.stream()
			.map(WebElement::getText)
			.toList();
		assertThat(rejected).hasSize(2);
		assertThat(rejected.get(0)).startsWith("3 ").contains("nobody");
		assertThat(rejected.get(1)).startsWith("5 ").contains("sideways");
		assertThat(text("#import-counts")).contains("Imported\n8").contains("Rejected\n2");
		screenshot("import-rejections");
	}

	@Test
	void usersOfAnotherTenantOrCustomerSeeNothingForeign() {
		JsonNode report = new Fixtures(admin())
			.runReport(Map.of("accountId", this.account, "startDate", "2026-07-01", "endDate", "2026-07-31"));
		String id = report.get("id").asString();

		open("/console/reports/" + id);
		signIn(this.otherAccount + "-manager", PASSWORD);
		assertThat(text("#error-message")).isEqualTo("Report '" + id + "' was not found");
		open("/console/reports");
		assertThat(this.browser.getPageSource()).doesNotContain(id).doesNotContain(this.account + "<");
		open("/console/imports");
		assertThat(this.browser.getPageSource()).doesNotContain(this.account);
		this.browser.manage().deleteAllCookies();

		open("/console/reports");
		signIn(this.account + "-customer", PASSWORD);
		assertThat(this.browser.getPageSource()).doesNotContain(id);
		open("/console/reports/" + id);
		assertThat(text("#error-message")).isEqualTo("Report '" + id + "' was not found");
		assertThat(this.browser.findElements(By.linkText("Imports"))).isEmpty();
	}

	private void open(String path) {
		this.browser.get("http://localhost:" + this.port + path);
	}

	private void signIn(String user, String password) {
		fill("#userName", user);
		fill("#password", password);
		this.browser.findElement(By.id("sign-in")).click();
		waitFor(() -> !this.browser.getCurrentUrl().contains("/console/login")
				|| !this.browser.findElements(By.id("login-error")).isEmpty());
	}

	private void fill(String selector, String value) {
		WebElement field = this.browser.findElement(By.cssSelector(selector));
		field.clear();
		field.sendKeys(value);
	}

	/**
	 * The element's text, read again when the page's live part replaced the element between finding and
	 * reading it (htmx swaps it every few seconds while a report runs).
	 */
	private String text(String selector) {
		for (int attempt = 1;; attempt++) {
			try {
				return this.browser.findElement(By.cssSelector(selector)).getText();
			}
			catch (StaleElementReferenceException replaced) {
				if (attempt == 5) {
					throw replaced;
				}
			}
		}
	}

	private void waitFor(Check check) {
		new WebDriverWait(this.browser, WAIT).ignoring(IOException.class)
			.ignoring(StaleElementReferenceException.class)
			.until(driver -> {
			try {
				return check.holds();
			}
			catch (IOException ex) {
				return false;
			}
		});
	}

	private void screenshot(String name) {
		File shot = this.browser.getScreenshotAs(OutputType.FILE);
		try {
			Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void user(String name, String role, String accountId, String customerId) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("username", name);
		body.put("password", PASSWORD);
		body.put("role", role);
		body.put("accountId", accountId);
		body.put("customerId", customerId);
		ok(admin().post("/users", body));
	}

	@FunctionalInterface
	private interface Check {

		boolean holds() throws IOException;

	}

}
