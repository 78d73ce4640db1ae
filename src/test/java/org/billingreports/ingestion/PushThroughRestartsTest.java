package org.billingreports.ingestion;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.billingreports.database.DatabaseEnvironment;
import org.billingreports.support.Api;
import org.billingreports.support.ApiResponse;
import org.billingreports.support.Fixtures;
import org.billingreports.support.ServiceProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A switch posting legs while the service is stopped (SIGTERM) and killed (SIGKILL), on the embedded database:
 * every leg answered 2xx is stored, none twice. Legs whose post failed are posted again, as FreeSWITCH does from
 * its retries and its error folder, until they are answered 2xx.
 */
class PushThroughRestartsTest {

	private static final int POSTERS = 4;

	@Test
	void everyLegAnswered2xxIsStoredOnceThroughAStopAndAKill() throws Exception {
		Path dataDir = Files.createTempDirectory("push-restarts");
		String url = DatabaseEnvironment.h2Url(dataDir.resolve("node"));
		List<String> settings = List.of("--spring.datasource.url=" + url, "--spring.datasource.username=sa",
				"--spring.datasource.password=");
		Set<String> answered = ConcurrentHashMap.newKeySet();
		Set<String> posted = ConcurrentHashMap.newKeySet();
		AtomicReference<Api> theSwitch = new AtomicReference<>();
		AtomicBoolean posting = new AtomicBoolean(true);
		ServiceProcess node = ServiceProcess.start(dataDir, "node", settings);
		List<Thread> posters = new ArrayList<>();
		try {
			Fixtures fixtures = new Fixtures(node.api());
			fixtures.account("push", "UTC", Map.of());
			fixtures.customer("push-1001", "push", null, "Extension 1001", "1001", null);
			ApiResponse made = node.api().post("/accounts/push/switch-credentials", Map.of());
			JsonNode credential = made.json();
			String username = credential.get("username").asString();
			String password = credential.get("password").asString();
			theSwitch.set(node.api().as(username, password));
			for (int i = 0; i < POSTERS; i++) {
				Thread poster = new Thread(() -> post(theSwitch, posting, posted, answered), "switch-" + i);
				poster.start();
				posters.add(poster);
			}
			awaitAnswered(answered, 100);
			node.stop();
			node = ServiceProcess.start(dataDir, "node", settings);
			theSwitch.set(node.api().as(username, password));
			awaitAnswered(answered, answered.size() + 100);
			node.kill();
			node = ServiceProcess.start(dataDir, "node", settings);
			theSwitch.set(node.api().as(username, password));
			awaitAnswered(answered, answered.size() + 100);
		}
		finally {
			posting.set(false);
			for (Thread poster : posters) {
				// Each finishes its leg in hand against the running node.
				poster.join(Duration.ofSeconds(60).toMillis());
			}
			node.kill();
		}
		assertThat(answered).as("every leg posted was answered 2xx in the end").isEqualTo(posted);
		try (Connection connection = DriverManager.getConnection(url, "sa", "");
				Statement statement = connection.createStatement();
				ResultSet counts = statement.executeQuery(
						"SELECT COUNT(*), COUNT(DISTINCT call_id) FROM call_record WHERE account_id = 'push'")) {
			counts.next();
			assertThat(counts.getLong(1)).as("each leg stored once").isEqualTo(answered.size());
			assertThat(counts.getLong(2)).isEqualTo(answered.size());
		}
		try (Connection connection = DriverManager.getConnection(url, "sa", "");
				Statement statement = connection.createStatement();
				ResultSet ids = statement.executeQuery("SELECT call_id FROM call_record WHERE account_id = 'push'")) {
			Set<String> stored = ConcurrentHashMap.newKeySet();
			while (ids.next()) {
				stored.add(ids.getString(1));
			}
			assertThat(stored).isEqualTo(answered);
		}
	}

	/** Posts fresh legs; a leg not answered 2xx is posted again until it is (the switch's retries). */
	private static void post(AtomicReference<Api> theSwitch, AtomicBoolean posting, Set<String> posted,
			Set<String> answered) {
		String uuid = null;
		while (posting.get() || uuid != null) {
			if (uuid == null) {
				uuid = UUID.randomUUID().toString();
				posted.add(uuid);
			}
			try {
				ApiResponse answer = theSwitch.get().exchange("POST", "/calls/freeswitch/push?uuid=" + uuid,
						Map.of("Content-Type", FreeSwitchLegs.JSON, "User-Agent", "freeswitch-json/1.0"),
						FreeSwitchLegs.encodedValues(uuid).getBytes(StandardCharsets.UTF_8));
				if (answer.status() / 100 == 2) {
					answered.add(uuid);
					uuid = null;
					continue;
				}
			}
			catch (RuntimeException unreachable) {
				// The service is stopping or starting: the switch retries.
			}
			// FreeSWITCH's retry delay, shortened.
			LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
		}
	}

	private static void awaitAnswered(Set<String> answered, int count) {
		await().atMost(Duration.ofSeconds(120)).until(() -> answered.size() >= count);
	}

}
