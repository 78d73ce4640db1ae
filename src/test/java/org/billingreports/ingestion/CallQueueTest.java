package org.billingreports.ingestion;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.amqp.core.Message;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.billingreports.support.Fixtures;
import org.billingreports.support.Nodes;
import org.billingreports.support.RabbitMqAvailable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.billingreports.support.Fixtures.ok;

/**
 * A queue of call records on this machine's RabbitMQ ({@code operations.md}, A RabbitMQ queue), each test with
 * a queue of its own and a node on it with one consumer, so that a last message stored means that those
 * published before it were taken: FreeSWITCH legs and native records stored once each however often they
 * come; messages that cannot be billed dead-lettered with their reason and kept as rejections; a message whose
 * store failed for a passing reason taken again, neither dead-lettered nor lost.
 */
@ExtendWith({ RabbitMqAvailable.class, OutputCaptureExtension.class })
class CallQueueTest {

	private final CallQueueClient broker = new CallQueueClient();

	private final String account = "amqp-" + UUID.randomUUID().toString().substring(0, 8);

	private ConfigurableApplicationContext node;

	private JdbcClient jdbc;

	@AfterEach
	void stop() {
		if (this.node != null) {
			this.node.close();
		}
		this.broker.close();
	}

	@Test
	void legsAndNativeRecordsAreStoredOnceEachHoweverOftenTheyCome() {
		start();
		String leg = UUID.randomUUID().toString();
		String base64Leg = UUID.randomUUID().toString();
		Map<String, Object> record = CallQueueClient.nativeFields("native-" + UUID.randomUUID());
		Message legMessage = CallQueueClient.leg(this.account, FreeSwitchLegs.encodedValues(leg));
		Message recordMessage = CallQueueClient.nativeRecord(this.account, record);
		// Each sent twice, as a relay does that did not hear the broker's confirm.
		this.broker.publish(List.of(legMessage, recordMessage, legMessage, recordMessage,
				CallQueueClient.message(this.account, "FreeSWITCH-JSON", FreeSwitchLegs.BASE64,
						FreeSwitchLegs.base64(FreeSwitchLegs.plainValues(base64Leg)))));
		awaitLast();

		String extension = this.account + "-1001|";
		assertThat(stored(leg)).isEqualTo(extension + FreeSwitchPushTest.SAMPLE_STORED);
		assertThat(stored(base64Leg)).isEqualTo(extension + FreeSwitchPushTest.SAMPLE_STORED);
		// Times without an offset are the account's (New York): 09:15 is 14:15 UTC.
		assertThat(stored((String) record.get("callId"))).isEqualTo(extension + "voice|outbound|+12125551000|"
				+ "+16465550199|null|2026-11-02T14:15:00Z|2026-11-02T14:15:04Z|2026-11-02T14:17:10Z|130|126|completed");
		assertThat(this.jdbc.sql("SELECT carrier_cost FROM call_record WHERE call_id = ?")
			.param(record.get("callId"))
			.query(java.math.BigDecimal.class)
			.single()).isEqualByComparingTo("0.0042");
		assertThat(count()).as("three calls and the last message's, once each").isEqualTo(4);
		assertThat(this.broker.deadLetterCount()).isZero();
		assertThat(rejections()).isEmpty();
	}

	@Test
	void messagesThatCannotBeBilledAreDeadLetteredWithTheirReasonAndKeptAsRejections() {
		start();
		String noCustomer = UUID.randomUUID().toString();
		String unknownAccount = UUID.randomUUID().toString();
		String brokenJson = "{\"callId\": \"broken-1\", \"customerId\": ";
		this.broker.publish(List.of(
				CallQueueClient.leg(this.account, FreeSwitchLegs.plainValues(noCustomer)
					.replace("\"accountcode\":\"1001\"", "\"accountcode\":\"\"")),
				CallQueueClient.message(this.account, "native", "application/json", brokenJson),
				CallQueueClient.message(null, "native", "application/json", brokenJson + "\"1001\"}"),
				CallQueueClient.leg("no-such-account", FreeSwitchLegs.encodedValues(unknownAccount)),
				CallQueueClient.message(this.account, null, "application/json", "{}")));
		awaitLast();

		List<Message> dead = this.broker.deadLettersTaken();
		assertThat(dead).extracting(message -> (String) message.getMessageProperties()
			.getHeader(QueuedCallListener.REASON))
			.satisfiesExactly(
					reason -> assertThat(reason).startsWith("the leg names no customer (empty account code), its "
							+ "calling number '1001' is none of the account's, and the account has no defaultCustomerId"),
					reason -> assertThat(reason).startsWith("the body is not JSON: "),
					reason -> assertThat(reason).isEqualTo("the message has no x-account-id header naming its account"),
					reason -> assertThat(reason).isEqualTo("Account 'no-such-account' was not found"),
					reason -> assertThat(reason).isEqualTo("the message's x-call-format header is missing: it must "
							+ "say freeswitch-json or native"));
		assertThat(new String(dead.get(1).getBody(), java.nio.charset.StandardCharsets.UTF_8))
			.as("a dead letter is the message as it came").isEqualTo(brokenJson);
		assertThat(dead.get(1).getMessageProperties().getHeaders()).containsEntry("x-account-id", this.account)
			.containsEntry("x-original-routing-key", this.broker.queue);

		assertThat(rejections()).containsExactlyInAnyOrder(this.account + "|amqp-freeswitch-json|" + noCustomer,
				this.account + "|amqp-native|null", "|amqp-native|broken-1", "no-such-account|amqp-freeswitch-json|" + unknownAccount,
				this.account + "|amqp|null");
		JsonNode listed = ok(Nodes.admin(this.node).get("/calls/freeswitch/" + this.account + "/rejections"))
			.get("rejections");
		assertThat(listed).as("with the account's other rejections").hasSize(3);
		assertThat(count()).as("only the last message's call").isEqualTo(1);
	}

	@Test
	void aMessageWhoseStoreFailsForAPassingReasonIsTakenAgainNotDeadLettered(CapturedOutput output) {
		start("--billing.calls.amqp.retry-interval=100ms");
		String callId = "away-" + UUID.randomUUID();
		this.jdbc.sql("ALTER TABLE call_record RENAME TO call_record_away").update();
		this.broker.publish(List.of(CallQueueClient.nativeRecord(this.account, CallQueueClient.nativeFields(callId))));
		// The table away stands for a database that is: the message is taken, fails, and goes back, again.
		await().atMost(Duration.ofSeconds(60))
			.until(() -> output.getOut().split("Could not store a native message of account " + this.account, -1).length > 3);
		this.jdbc.sql("ALTER TABLE call_record_away RENAME TO call_record").update();

		await().atMost(Duration.ofSeconds(60)).until(() -> count(callId) == 1);
		assertThat(this.broker.deadLetterCount()).isZero();
		assertThat(rejections()).isEmpty();
	}

	private void start(String... settings) {
		this.node = Nodes.start("amqp", this.broker.settings(concat(settings, "--billing.calls.amqp.concurrency=1")));
		this.jdbc = this.node.getBean(JdbcClient.class);
		Fixtures fixtures = new Fixtures(Nodes.admin(this.node));
		fixtures.account(this.account, "America/New_York", Map.of());
		fixtures.customer(this.account + "-1001", this.account, null, "Extension 1001", "1001", null);
	}

	/** Publishes a last record and waits until it is stored: every message before it has been taken. */
	private void awaitLast() {
		String last = "last-" + UUID.randomUUID();
		this.broker.publish(List.of(CallQueueClient.nativeRecord(this.account, CallQueueClient.nativeFields(last))));
		await().atMost(Duration.ofSeconds(60)).until(() -> count(last) == 1);
	}

	private static String[] concat(String[] settings, String setting) {
		String[] all = java.util.Arrays.copyOf(settings, settings.length + 1);
		all[settings.length] = setting;
		return all;
	}

	private long count() {
		return this.jdbc.sql("SELECT COUNT(*) FROM call_record WHERE account_id = ?")
			.param(this.account)
			.query(Long.class)
			.single();
	}

	private long count(String callId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM call_record WHERE call_id = ?")
			.param(callId)
			.query(Long.class)
			.single();
	}

	/** account|source|callId of each rejection of messages. */
	private List<String> rejections() {
		return this.jdbc.sql("SELECT account_id, source, call_id FROM pushed_call_rejection WHERE source LIKE 'amqp%'")
			.query((rs, row) -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3))
			.list();
	}

	/** customer|channel|direction|from|to|callerName|start|answer|end|duration|billable|status */
	private String stored(String callId) {
		return this.jdbc
			.sql("SELECT customer_id, channel, direction, from_number, to_number, caller_name, start_time, answer_time, "
					+ "end_time, duration_seconds, billable_seconds, status FROM call_record WHERE call_id = ?")
			.param(callId)
			.query((rs, row) -> {
				StringBuilder fields = new StringBuilder();
				for (int i = 1; i <= 12; i++) {
					Object value = (i >= 7 && i <= 9) ? rs.getObject(i, java.time.OffsetDateTime.class) : rs.getString(i);
					String text = (value instanceof java.time.OffsetDateTime time) ? time.toInstant().toString()
							: String.valueOf(value);
					fields.append((i > 1) ? "|" : "").append(text);
				}
				return fields.toString();
			})
			.single();
	}

}
