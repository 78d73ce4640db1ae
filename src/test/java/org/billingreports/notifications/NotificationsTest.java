package org.billingreports.notifications;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.util.HtmlUtils;

import org.billingreports.support.Api;
import org.billingreports.support.ApiResponse;
import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;
import org.billingreports.support.RatingGate;
import org.billingreports.support.WebhookReceiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.billingreports.support.Fixtures.item;
import static org.billingreports.support.Fixtures.ok;
import static org.billingreports.support.RatingGate.GATE;

/**
 * E-mail through a real SMTP server (GreenMail on loopback) and webhooks to a real HTTP receiver on
 * loopback (allowed by configuration), with quick retries so that backoff is seen within a test.
 */
@Import(RatingGate.Configuration.class)
@TestPropertySource(properties = { "billing.notifications.poll-interval=200ms",
		"billing.notifications.initial-backoff=100ms", "billing.notifications.max-backoff=300ms",
		"billing.notifications.max-attempts=4", "billing.notifications.webhooks.read-timeout=500ms",
		"billing.notifications.webhooks.allowed-hosts=127.0.0.1", "billing.notifications.mail-from=billing@example.com" })
class NotificationsTest extends ApiTestSupport {

	static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

	static final WebhookReceiver RECEIVER = new WebhookReceiver();

	static {
		SMTP.start();
	}

	@DynamicPropertySource
	static void mailServer(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
	}

	private Fixtures fixtures;

	private String account;

	private String secret;

	@BeforeEach
	void setUp() {
		this.fixtures = new Fixtures(admin());
		this.account = unique("note");
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("base", item("12.5", "0", "0", 0));
		settings.put("outboundVoiceCalls", item("0", "1.1", "0.015", 1));
		settings.put("outboundSmsMessages", item("0", "0", "0.0125", 0));
		this.secret = this.fixtures.account(this.account, "UTC", settings).get("webhookSecret").asString();
		StringBuilder csv = new StringBuilder("callId,customerId,channel,direction,startTime,billableSeconds,status,"
				+ "carrierCost\n");
		for (String customer : List.of("ann", "bob")) {
			this.fixtures.customer(this.account + "-" + customer, this.account, null, customer.toUpperCase(), null,
					null);
			for (int i = 0; i < 3; i++) {
				csv.append(customer).append(i).append(',').append(this.account).append('-').append(customer)
					.append(i == 2 ? ",sms" : ",voice").append(",outbound,2026-07-0").append(i + 1)
					.append("T10:00:00Z,").append(61 * (i + 1)).append(",completed,0.01").append(i).append('\n');
			}
		}
		this.fixtures.importCalls(this.account, csv.toString());
	}

	@AfterEach
	void openGate() {
		GATE.releaseAll();
	}

	@Test
	void theSmtpServerIsPartOfHealthOnceConfigured() {
		JsonNode health = ok(admin().get("/actuator/health"));
		assertThat(health.at("/components/mail/status").asString()).as(health.toString()).isEqualTo("UP");
		assertThat(health.at("/components/mail/details/location").asString())
			.isEqualTo("127.0.0.1:" + SMTP.getSmtp().getPort());
	}

	@Test
	void aCompletedReportIsMailedWithItsSummaryAndLink() throws Exception {
		String to = unique("ops") + "@example.com";
		JsonNode report = this.fixtures.runReport(request(Map.of("emailAddressToNotify", to)));
		assertThat(report.get("status").asString()).isEqualTo("Completed");
		MimeMessage mail = awaitMail(to);
		assertThat(mail.getSubject()).isEqualTo("Billing report " + report.get("name").asString() + ": Completed");
		assertThat(mail.getFrom()[0].toString()).isEqualTo("billing@example.com");
		String text = part(mail, "text/plain");
		// Each customer: base 12.50 + voice 4 × 0.015 + 1.1 × 0.021 = 0.0831 → 0.08 + SMS 0.0125 → 0.01 = 12.59.
		assertThat(text).contains("Summary:  2 customers, 6 calls, total 25.18 USD")
			.contains("Account:  Account " + this.account + " (" + this.account + ")")
			.contains("Period:   2026-07-01 to 2026-07-31 (UTC)")
			.contains("Currency: USD")
			.containsPattern("ANN +12\\.59 USD")
			.containsPattern("Total +25\\.18 USD")
			.contains(report.get("id").asString());
		// The workbook's link too, by the same token.
		String workbook = text.lines()
			.filter(line -> line.contains("/reports/" + report.get("id").asString() + ".xlsx?version=1&token="))
			.findFirst()
			.orElseThrow()
			.strip();
		assertThat(anonymous().get(workbook.substring(workbook.indexOf("/reports/"))).status()).isEqualTo(200);
		// The mailed link opens the file without credentials, by its token.
		String file = "/reports/" + report.get("id").asString() + ".csv?version=1&token=";
		String link = text.lines().filter(line -> line.contains(file)).findFirst().orElseThrow().strip();
		assertThat(link).startsWith("http://localhost:" + this.port + file);
		assertThat(anonymous().get(link.substring(link.indexOf("/reports/"))).body()).startsWith("Customer,Item");
		assertThat(part(mail, "text/html")).contains("<a href=\"" + HtmlUtils.htmlEscape(link) + "\"")
			.contains("<td>ANN</td><td align=\"right\">12.59 USD</td>")
			.contains("<a href=\"" + HtmlUtils.htmlEscape(workbook) + "\"");
		JsonNode notification = awaitNotification(report.get("id").asString(), "email", "delivered");
		assertThat(notification.get("target").asString()).isEqualTo(to);
		assertThat(notification.get("attempts").asInt()).isOne();
		assertThat(notification.get("event").asString()).isEqualTo("report.completed");
	}

	@Test
	void aFailedReportIsMailedWithTheReasonAndHowToRestart() throws Exception {
		String to = unique("ops") + "@example.com";
		GATE.fail(this.account + "-bob");
		JsonNode report = this.fixtures.runReport(request(Map.of("emailAddressToNotify", to)));
		assertThat(report.get("status").asString()).isEqualTo("Error");
		MimeMessage mail = awaitMail(to);
		assertThat(mail.getSubject()).isEqualTo("Billing report " + report.get("name").asString() + ": Error");
		String text = part(mail, "text/plain");
		assertThat(text).contains("Reason:   Rating call records failed: injected failure for customer "
				+ this.account + "-bob")
			.contains("POST http://localhost:" + this.port + "/reports/" + report.get("id").asString() + "/restart");
		assertThat(awaitNotification(report.get("id").asString(), "email", "delivered").get("event").asString())
			.isEqualTo("report.failed");
	}

	@Test
	void theWebhookCarriesTheFilesTotalsSigned() {
		String path = unique("hook");
		JsonNode report = this.fixtures.runReport(request(Map.of("webhookUrl", RECEIVER.url(path) + "?token=abc")));
		await().atMost(Duration.ofSeconds(20)).until(() -> !RECEIVER.received(path).isEmpty());
		WebhookReceiver.Received hook = RECEIVER.received(path).get(0);

		// The signature verifies with the account's secret over "timestamp.body".
		String signature = hook.header("X-Billing-Signature");
		String timestamp = hook.header("X-Billing-Timestamp");
		assertThat(signature).isEqualTo("t=" + timestamp + ",v1="
				+ WebhookSignature.hmac(this.secret, Long.parseLong(timestamp), hook.body()));
		assertThat(hook.header("X-Billing-Event")).isEqualTo("report.completed");
		assertThat(hook.header("Content-Type")).isEqualTo("application/json");

		JsonNode payload = Api.JSON.readTree(hook.text());
		assertThat(payload.get("report").get("id").asString()).isEqualTo(report.get("id").asString());
		assertThat(payload.get("report").get("status").asString()).isEqualTo("Completed");
		JsonNode data = payload.get("data");
		assertThat(data.get("currency").asString()).isEqualTo("USD");

		// Totals equal the billing file's: per customer and overall.
		Map<String, BigDecimal> fileTotals = new HashMap<>();
		BigDecimal fileTotal = BigDecimal.ZERO;
		String csv = admin().get("/reports/" + report.get("id").asString() + ".csv").body();
		for (String line : csv.split("\r\n")) {
			String[] fields = line.split(",");
			if (!fields[0].equals("Customer")) {
				BigDecimal amount = new BigDecimal(fields[fields.length - 1]);
				fileTotals.merge(fields[0], amount, BigDecimal::add);
				fileTotal = fileTotal.add(amount);
			}
		}
		assertThat(data.get("total").decimalValue()).isEqualByComparingTo(fileTotal).isEqualByComparingTo("25.18");
		assertThat(data.get("customers").size()).isEqualTo(2);
		for (JsonNode customer : data.get("customers")) {
			assertThat(customer.get("total").decimalValue())
				.isEqualByComparingTo(fileTotals.get(customer.get("customerName").asString()));
			assertThat(customer.get("lines").get(0).get("item").asString()).isEqualTo("Base");
		}

		JsonNode notification = awaitNotification(report.get("id").asString(), "webhook", "delivered");
		// The receiver's own query string is not shown back.
		assertThat(notification.get("target").asString()).isEqualTo(RECEIVER.url(path));
		assertThat(notification.get("attempts").asInt()).isOne();
	}

	@Test
	void aReceiverThatFailsThreeTimesGetsTheEventOnTheFourthTryAndOnce() {
		String path = unique("flaky");
		RECEIVER.failFirst(path, 3);
		JsonNode report = this.fixtures.runReport(request(Map.of("webhookUrl", RECEIVER.url(path))));
		JsonNode notification = awaitNotification(report.get("id").asString(), "webhook", "delivered");
		assertThat(notification.get("attempts").asInt()).isEqualTo(4);
		List<WebhookReceiver.Received> requests = RECEIVER.received(path);
		assertThat(requests).hasSize(4);
		// Every attempt is the same event: one id, one body.
		assertThat(requests.stream().map(r -> r.header("X-Billing-Event-Id")).distinct()).hasSize(1);
		assertThat(requests.stream().map(WebhookReceiver.Received::text).distinct()).hasSize(1);
		assertThat(ok(admin().get("/reports/" + report.get("id").asString())).get("status").asString())
			.isEqualTo("Completed");
	}

	@Test
	void aReceiverThatNeverAnswersEndsFailedAndTheReportStaysCompleted() {
		String path = unique("silent");
		RECEIVER.neverAnswer(path);
		JsonNode report = this.fixtures.runReport(request(Map.of("webhookUrl", RECEIVER.url(path))));
		JsonNode notification = awaitNotification(report.get("id").asString(), "webhook", "failed");
		assertThat(notification.get("attempts").asInt()).isEqualTo(4);
		assertThat(notification.get("lastError").asString()).isEqualTo("no answer within 500 ms");
		assertThat(notification.has("nextAttempt")).isFalse();
		assertThat(RECEIVER.received(path)).hasSize(4);
		JsonNode after = ok(admin().get("/reports/" + report.get("id").asString()));
		assertThat(after.get("status").asString()).isEqualTo("Completed");
		assertThat(after.get("statusMessage").asString()).startsWith("2 customers");
	}

	@Test
	void aNotificationThatGaveUpIsSentOnceMoreOnRequestWithTheSameEvent() {
		String path = unique("resent");
		RECEIVER.failFirst(path, 4);
		String reportId = this.fixtures.runReport(request(Map.of("webhookUrl", RECEIVER.url(path)))).get("id")
			.asString();
		JsonNode gaveUp = awaitNotification(reportId, "webhook", "failed");
		String id = gaveUp.get("id").asString();
		assertThat(admin().post("/reports/" + reportId + "/notifications/" + id + "x/resend", "").status())
			.as("not one of the report's").isEqualTo(404);

		JsonNode resent = ok(admin().post("/reports/" + reportId + "/notifications/" + id + "/resend", ""));
		assertThat(resent.get("id").asString()).isEqualTo(reportId);
		JsonNode delivered = awaitNotification(reportId, "webhook", "delivered");
		assertThat(delivered.get("attempts").asInt()).isEqualTo(5);
		assertThat(RECEIVER.received(path).stream().map(r -> r.header("X-Billing-Event-Id")).distinct()).hasSize(1);
		assertThat(admin().post("/reports/" + reportId + "/notifications/" + id + "/resend", "").status())
			.as("delivered: nothing to send again").isEqualTo(409);
	}

	@Test
	void webhooksIntoOurOwnNetworkAreRefusedWhenRequested() {
		int before = ok(admin().get("/reports?accountId=" + this.account)).get("reports").size();
		for (String url : Arrays.asList("http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/hook",
				"file:///etc/passwd", "http://localhost:" + RECEIVER.port() + "/hook", "http://[::1]/hook",
				"http://192.168.1.20/hook")) {
			ApiResponse response = admin().post("/reports/billing", request(Map.of("webhookUrl", url)));
			assertThat(response.status()).as(url + " " + response.body()).isEqualTo(400);
			assertThat(response.json().get("responseStatus").get("errors").get(0).get("fieldName").asString())
				.isEqualTo("webhookUrl");
		}
		assertThat(ok(admin().get("/reports?accountId=" + this.account)).get("reports").size()).isEqualTo(before);
	}

	private Map<String, Object> request(Map<String, Object> extra) {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("accountId", this.account);
		request.put("startDate", "2026-07-01");
		request.put("endDate", "2026-07-31");
		request.putAll(extra);
		return request;
	}

	private JsonNode awaitNotification(String reportId, String channel, String status) {
		JsonNode[] found = new JsonNode[1];
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			JsonNode notifications = ok(admin().get("/reports/" + reportId)).get("notifications");
			assertThat(notifications).isNotNull();
			found[0] = notifications.valueStream()
				.filter(n -> n.get("channel").asString().equals(channel))
				.findFirst()
				.orElseThrow();
			assertThat(found[0].get("status").asString()).isEqualTo(status);
		});
		return found[0];
	}

	private static MimeMessage awaitMail(String to) {
		MimeMessage[] mail = new MimeMessage[1];
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			List<MimeMessage> matching = Arrays.stream(SMTP.getReceivedMessages()).filter(message -> {
				try {
					return message.getRecipients(Message.RecipientType.TO)[0].toString().equals(to);
				}
				catch (MessagingException ex) {
					return false;
				}
			}).toList();
			assertThat(matching).hasSize(1);
			mail[0] = matching.get(0);
		});
		return mail[0];
	}

	private static String part(MimeMessage mail, String type) throws Exception {
		return findPart((MimeMultipart) mail.getContent(), type);
	}

	private static String findPart(MimeMultipart multipart, String type) throws Exception {
		for (int i = 0; i < multipart.getCount(); i++) {
			var part = multipart.getBodyPart(i);
			if (part.getContent() instanceof MimeMultipart nested) {
				String found = findPart(nested, type);
				if (found != null) {
					return found;
				}
			}
			else if (part.isMimeType(type)) {
				return GreenMailUtil.getBody(part).isEmpty() ? null : (String) part.getContent();
			}
		}
		return null;
	}

}
