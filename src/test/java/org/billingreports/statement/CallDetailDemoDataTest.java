package org.billingreports.statement;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import org.billingreports.support.Api;
import org.billingreports.support.ApiResponse;
import org.billingreports.support.Fixtures;
import org.billingreports.support.WebhookReceiver;
import org.billingreports.notifications.WebhookSignature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo's October (3,000 calls, seven customers in a tree): the call detail sums, per customer and
 * item, to the billing file's quantities and raw costs, so a disputed line can be traced to its calls;
 * and a report of the demo account, made without a webhook secret, delivers its webhook signed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({ "test", "demo" })
@TestPropertySource(properties = { "billing.notifications.webhooks.allowed-hosts=127.0.0.1",
		"billing.notifications.poll-interval=200ms" })
class CallDetailDemoDataTest {

	@Autowired
	JdbcClient jdbc;

	private static final List<String> CALL_ITEMS = List.of("InboundVoiceCalls", "OutboundVoiceCalls", "InboundFaxes",
			"OutboundFaxes", "InboundSmsMessages", "OutboundSmsMessages");

	@LocalServerPort
	int port;

	@Test
	void theCallDetailAddsUpToTheBillingFile() throws Exception {
		Api admin = new Api(this.port).as("admin", "admin-demo");
		String id = new Fixtures(admin).runReport(Map.of("accountId", "demo", "startDate", "2026-10-01", "endDate",
				"2026-10-31", "includeCustomerIds", true)).get("id").asString();

		Map<String, Totals> fromCalls = new HashMap<>();
		List<CSVRecord> calls = csv(admin.get("/reports/" + id + "/calls.csv"));
		for (CSVRecord call : calls) {
			fromCalls.computeIfAbsent(call.get("customerId") + "/" + call.get("item"), key -> new Totals())
				.add(Long.parseLong(call.get("units")), new BigDecimal(call.get("rawCost")));
		}
		Map<String, Totals> fromFile = new HashMap<>();
		for (CSVRecord line : csv(admin.get("/reports/" + id + ".csv"))) {
			if (CALL_ITEMS.contains(line.get("Item"))) {
				fromFile.computeIfAbsent(line.get("Customer ID") + "/" + line.get("Item"), key -> new Totals())
					.add(Long.parseLong(line.get("Quantity")), new BigDecimal(line.get("Raw Cost")));
			}
		}
		assertThat(calls).as("every call of the month, billed or not").hasSize(3000);
		// A customer's item without usage has a line only for its base cost: nothing to add up there.
		fromCalls.values().removeIf(Totals::isEmpty);
		fromFile.values().removeIf(Totals::isEmpty);
		assertThat(fromCalls).isEqualTo(fromFile).isNotEmpty();
	}

	/**
	 * The demo loader makes its account without a webhook secret: the first webhook makes one, and is
	 * delivered signed with it (it was retried for ever, the NULL secret read as a missing account).
	 */
	@Test
	void aReportOfTheDemoAccountDeliversItsWebhook() {
		try (WebhookReceiver receiver = new WebhookReceiver()) {
			Api admin = new Api(this.port).as("admin", "admin-demo");
			String id = new Fixtures(admin).runReport(Map.of("accountId", "demo", "startDate", "2026-10-01", "endDate",
					"2026-10-01", "webhookUrl", receiver.url("demo"))).get("id").asString();
			await().atMost(java.time.Duration.ofSeconds(30)).until(() -> receiver.received("demo").size() == 1);
			WebhookReceiver.Received hook = receiver.received("demo").get(0);
			assertThat(hook.text()).contains("\"id\":\"" + id + "\"");
			String secret = this.jdbc.sql("SELECT webhook_secret FROM account WHERE id = 'demo'")
				.query(String.class)
				.single();
			long timestamp = Long.parseLong(hook.header("X-Billing-Timestamp"));
			assertThat(hook.header(WebhookSignature.HEADER))
				.isEqualTo(WebhookSignature.header(secret, timestamp, hook.body()));
		}
	}

	private static List<CSVRecord> csv(ApiResponse response) throws Exception {
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return CSVFormat.RFC4180.builder().setHeader().get().parse(new StringReader(response.body())).getRecords();
	}

	/** Units and raw cost summed. */
	private static final class Totals {

		private long units;

		private BigDecimal rawCost = BigDecimal.ZERO;

		void add(long units, BigDecimal rawCost) {
			this.units += units;
			this.rawCost = this.rawCost.add(rawCost);
		}

		boolean isEmpty() {
			return this.units == 0 && this.rawCost.signum() == 0;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Totals totals && this.units == totals.units
					&& this.rawCost.compareTo(totals.rawCost) == 0;
		}

		@Override
		public int hashCode() {
			return Long.hashCode(this.units);
		}

		@Override
		public String toString() {
			return this.units + " units, " + this.rawCost.toPlainString();
		}

	}

}
