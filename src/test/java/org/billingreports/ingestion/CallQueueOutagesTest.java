package org.billingreports.ingestion;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.amqp.core.Message;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.billingreports.database.DatabaseEnvironment;
import org.billingreports.support.Api;
import org.billingreports.support.Fixtures;
import org.billingreports.support.Nodes;
import org.billingreports.support.RabbitMqAvailable;
import org.billingreports.support.ServiceProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A queue of call records through outages, with the default two consumers each holding up to 20 messages:
 * the broker restarted (RabbitMQ's application stopped and started again with {@code rabbitmqctl}, as an
 * upgrade or a crash of the broker does) and the service killed with SIGKILL and started again, each in the
 * middle of a stream of messages. Every message is stored exactly once, and none is dead-lettered.
 */
@ExtendWith(RabbitMqAvailable.class)
class CallQueueOutagesTest {

	/** Enough that the stream is still flowing when the outage comes. */
	private static final int MESSAGES = 2000;

	/**
	 * Through the broker's restart, to one consumer: {@code rabbitmqctl} takes a second or two to start, in which
	 * two consumers stored all of 2,000 messages on a fast run, and the restart found nothing left to redeliver.
	 */
	private static final int MESSAGES_THROUGH_RESTART = 10_000;

	/** What the consumers may hold unacknowledged at once: those stored, maybe, but not yet acknowledged. */
	private static final int IN_FLIGHT = 2 * 20;

	private static final String COUNT = "SELECT COUNT(*), COUNT(DISTINCT call_id) FROM call_record WHERE account_id = ?";

	private final CallQueueClient broker = new CallQueueClient();

	private final String account = "outage-" + UUID.randomUUID().toString().substring(0, 8);

	private final List<AutoCloseable> started = new ArrayList<>();

	@TempDir
	Path dataDir;

	@AfterEach
	void stop() throws Exception {
		for (AutoCloseable node : this.started) {
			node.close();
		}
		this.broker.close();
	}

	@Test
	void everyMessageIsStoredOnceThroughABrokerRestart() throws Exception {
		assumeBrokerCanBeRestarted();
		ConfigurableApplicationContext node = Nodes.start("amqp-broker-restart",
				this.broker.settings("--billing.calls.amqp.concurrency=1"));
		this.started.add(node);
		setUp(Nodes.admin(node));
		JdbcClient jdbc = node.getBean(JdbcClient.class);
		this.broker.publish(messages(MESSAGES_THROUGH_RESTART));
		await().atMost(Duration.ofSeconds(120)).until(() -> stored(jdbc).calls() >= 50);

		rabbitmqctl("stop_app");
		try {
			assertThat(stored(jdbc).calls()).as("the broker stopped with messages still queued")
				.isLessThan(MESSAGES_THROUGH_RESTART - IN_FLIGHT);
		}
		finally {
			rabbitmqctl("start_app");
		}

		await().atMost(Duration.ofSeconds(180)).until(() -> stored(jdbc).calls() == MESSAGES_THROUGH_RESTART);
		assertThat(stored(jdbc)).isEqualTo(new Stored(MESSAGES_THROUGH_RESTART, MESSAGES_THROUGH_RESTART));
		assertThat(this.broker.deadLetterCount()).isZero();
	}

	@Test
	void everyMessageIsStoredOnceThroughAServiceKill() throws Exception {
		String url = DatabaseEnvironment.h2Url(this.dataDir.resolve("db"));
		List<String> settings = this.broker.settings("--spring.datasource.url=" + url, "--spring.datasource.username=sa",
				"--spring.datasource.password=");
		ServiceProcess first = ServiceProcess.start(this.dataDir, "amqp-kill", settings);
		this.started.add(first);
		setUp(first.api());
		this.broker.publish(messages(MESSAGES));
		await().atMost(Duration.ofSeconds(120)).until(() -> stored(url).calls() >= 50);

		long beforeKill = stored(url).calls();
		first.kill();
		assertThat(beforeKill).as("killed with messages still queued").isLessThan(MESSAGES - IN_FLIGHT);

		ServiceProcess second = ServiceProcess.start(this.dataDir, "amqp-kill", settings);
		this.started.add(second);
		await().atMost(Duration.ofSeconds(180)).until(() -> stored(url).calls() == MESSAGES);
		assertThat(stored(url)).isEqualTo(new Stored(MESSAGES, MESSAGES));
		assertThat(this.broker.deadLetterCount()).isZero();
		assertThat(second.log()).doesNotContain("Dead-lettered");
	}

	private void setUp(Api admin) {
		Fixtures fixtures = new Fixtures(admin);
		fixtures.account(this.account, "UTC", Map.of());
		fixtures.customer(this.account + "-1001", this.account, null, "Extension 1001", "1001", null);
	}

	/** FreeSWITCH legs and native records, in turn. */
	private List<Message> messages(int count) {
		List<Message> messages = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String callId = UUID.randomUUID().toString();
			messages.add((i % 2 == 0) ? CallQueueClient.leg(this.account, FreeSwitchLegs.encodedValues(callId))
					: CallQueueClient.nativeRecord(this.account, CallQueueClient.nativeFields(callId)));
		}
		return messages;
	}

	/** The account's stored call records, and how many distinct calls they are. */
	record Stored(long records, long calls) {
	}

	private Stored stored(JdbcClient jdbc) {
		return jdbc.sql(COUNT).param(this.account).query((rs, row) -> new Stored(rs.getLong(1), rs.getLong(2))).single();
	}

	/** Through H2's automatic server: the service holds the file. Only while a service runs. */
	private Stored stored(String url) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, "sa", "");
				Statement statement = connection.createStatement();
				ResultSet counts = statement.executeQuery(COUNT.replace("?", "'" + this.account + "'"))) {
			counts.next();
			return new Stored(counts.getLong(1), counts.getLong(2));
		}
	}

	/** The broker is this machine's and {@code rabbitmqctl} may stop it; otherwise skipped, loudly. */
	private static void assumeBrokerCanBeRestarted() throws Exception {
		String problem = InetAddress.getByName(RabbitMqAvailable.HOST).isLoopbackAddress() ? rabbitmqctlProblem("status")
				: "RabbitMQ at " + RabbitMqAvailable.HOST + " is not this machine's";
		if (problem != null) {
			System.err.println("[rabbitmq-tests] broker restart SKIPPED: " + problem);
		}
		Assumptions.assumeTrue(problem == null, () -> "SKIPPED: the broker cannot be restarted here: " + problem);
	}

	private static void rabbitmqctl(String command) throws Exception {
		String problem = rabbitmqctlProblem(command);
		assertThat(problem).as("rabbitmqctl " + command).isNull();
	}

	/** @return why {@code rabbitmqctl <command>} failed, or {@code null} when it did what it was asked */
	private static String rabbitmqctlProblem(String command) throws InterruptedException {
		try {
			Process process = new ProcessBuilder("rabbitmqctl", command).redirectErrorStream(true).start();
			// Read to the end first: its output must not fill the pipe while it is waited for.
			String output = new String(process.getInputStream().readAllBytes());
			return (process.waitFor(90, TimeUnit.SECONDS) && process.exitValue() == 0) ? null
					: "rabbitmqctl " + command + " failed: " + output.strip();
		}
		catch (IOException ex) {
			return "rabbitmqctl cannot be run (" + ex.getMessage() + ")";
		}
	}

}
