package org.billingreports.ingestion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.billingreports.support.Api;
import org.billingreports.support.Fixtures;
import org.billingreports.support.ManualClock;
import org.billingreports.support.Nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.billingreports.support.Fixtures.ok;

/**
 * The watched folder on one node: a file written in pieces is imported once, whole, when it has stopped
 * growing, and moved to {@code done/}; a file with too many bad lines, or one for no account, goes to
 * {@code failed/} with its rejected lines and its reason beside it. The settle time runs on a clock the test
 * moves: whether a file has settled is the test's decision, never the machine's speed.
 */
class InboxTest {

	private static final Duration SETTLE = Duration.ofSeconds(10);

	private static final String HEADER = "callId,customerId,channel,direction,startTime,billableSeconds,status";

	@TempDir
	static Path folder;

	private static ConfigurableApplicationContext node;

	private static ManualClock clock;

	private static SettledFiles settled;

	private static Api api;

	private static JdbcClient jdbc;

	@BeforeAll
	static void start() {
		node = Nodes.start("inbox-node", List.of("--billing.calls.inbox=" + folder.resolve("inbox"),
				"--billing.data-dir=" + folder.resolve("data"), "--billing.calls.inbox-poll-interval=50ms",
				"--billing.calls.inbox-settle-time=" + SETTLE.toSeconds() + "s"), ManualClock.Configuration.class);
		clock = node.getBean(ManualClock.class);
		settled = node.getBean(SettledFiles.class);
		api = Nodes.admin(node);
		jdbc = node.getBean(JdbcClient.class);
	}

	@AfterAll
	static void stop() {
		node.close();
	}

	@Test
	void aFileWrittenInPiecesIsImportedOnceWholeWhenItHasStoppedGrowing() throws Exception {
		String account = account();
		Path file = folder(account, "native").resolve("calls.csv");
		String content = HEADER + "\n" + lines(account, 0, 120);
		// Cut anywhere, mid-line too: a piece taken alone would be another file.
		int[] cuts = { 0, content.length() / 3 + 7, 2 * content.length() / 3 - 5, content.length() };
		for (int piece = 0; piece < 3; piece++) {
			Files.writeString(file, content.substring(cuts[piece], cuts[piece + 1]), StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
			awaitSeen(file);
			assertThat(imports(account)).as("nothing taken while it grows").isZero();
			// Less than the settle time each time: growing again starts it anew.
			clock.advance(SETTLE.multipliedBy(6).dividedBy(10));
		}
		assertThat(imports(account)).isZero();
		clock.advance(SETTLE.multipliedBy(4).dividedBy(10));

		Path done = awaitFiled(file, "done");
		assertThat(done).hasContent(content);
		assertThat(file).doesNotExist();
		assertThat(storedCalls(account)).isEqualTo(120);
		JsonNode imported = onlyImport(account);
		assertThat(imported.get("status").asString()).isEqualTo("Completed");
		assertThat(imported.get("fileName").asString()).isEqualTo("calls.csv");
		assertThat(imported.get("read").asLong()).isEqualTo(120);
		assertThat(imported.get("imported").asLong()).isEqualTo(120);
		assertThat(imported.get("rejected").asLong()).isZero();
		assertThat(done.resolveSibling("calls.csv.rejections.csv")).doesNotExist();

		// Later, a new file of the same name: another file, imported too, filed beside the first.
		String next = HEADER + "\n" + lines(account, 120, 130);
		place(file, next);
		awaitSeen(file);
		clock.advance(SETTLE);
		await().atMost(Duration.ofSeconds(60)).until(() -> filesIn(done.getParent()).size() == 2);
		assertThat(storedCalls(account)).isEqualTo(130);
		assertThat(imports(account)).isEqualTo(2);
		String secondId = jdbc.sql("SELECT import_id FROM inbox_file WHERE account_id = ? ORDER BY id DESC LIMIT 1")
			.param(account).query(String.class).single();
		assertThat(done.resolveSibling("calls.csv." + secondId)).hasContent(next);
	}

	@Test
	void aFileWithTooManyBadLinesFailsWithItsRejectionsBesideIt() throws Exception {
		String account = account();
		Path file = folder(account, "native").resolve("bad.csv");
		place(file, HEADER + "\n" + lines(account, 0, 1) + "\nb1," + account + "-c,video,outbound,"
				+ "2026-07-01T10:00:00Z,60,completed\nb2,nobody,voice,outbound,2026-07-01T10:00:00Z,60,completed\n"
				+ "b3," + account + "-c,voice,sideways,2026-07-01T10:00:00Z,60,completed\n");
		awaitSeen(file);
		clock.advance(SETTLE);

		Path failed = awaitFiled(file, "failed");
		JsonNode refused = onlyImport(account);
		assertThat(refused.get("status").asString()).isEqualTo("Error");
		assertThat(refused.get("rejected").asLong()).isEqualTo(3);
		assertThat(storedCalls(account)).as("nothing of a refused file stays").isZero();
		String rejections = api.get("/calls/imports/" + refused.get("id").asString() + "/rejections.csv").body();
		assertThat(rejections).contains("nobody");
		assertThat(failed.resolveSibling("bad.csv.rejections.csv")).hasContent(rejections);
		assertThat(failed.resolveSibling("bad.csv.reason.txt")).content()
			.startsWith("The file was refused: 3 of 4 lines (75%) were rejected");
	}

	@Test
	void aFileForNoAccountFailsWithItsReason() throws Exception {
		Path file = folder("no-such-account", "native").resolve("calls.csv");
		place(file, HEADER + "\n" + lines("no-such-account", 0, 1));
		awaitSeen(file);
		clock.advance(SETTLE);

		Path failed = awaitFiled(file, "failed");
		assertThat(failed.resolveSibling("calls.csv.reason.txt")).hasContent("Account 'no-such-account' was not found");
		assertThat(jdbc.sql("SELECT state FROM inbox_file WHERE account_id = 'no-such-account'").query(String.class)
			.single()).isEqualTo("failed");
	}

	@Test
	void anEmptyFileIsLeftWhereItIs() throws Exception {
		String account = account();
		Path empty = folder(account, "native").resolve("Master.csv");
		Files.createFile(empty);
		Path other = empty.resolveSibling("calls.csv");
		place(other, HEADER + "\n" + lines(account, 0, 1));
		awaitSeen(empty);
		awaitSeen(other);
		clock.advance(SETTLE);

		// Both settled at the same poll: once the other is filed, the empty one was passed over.
		awaitFiled(other, "done");
		assertThat(empty).exists();
		assertThat(jdbc.sql("SELECT file_name FROM inbox_file WHERE account_id = ?").param(account).query(String.class)
			.list()).containsExactly("calls.csv");
	}

	/** An account (UTC) with customer {@code <account>-c}. */
	private static String account() {
		String id = "inbox-" + UUID.randomUUID().toString().substring(0, 8);
		Fixtures fixtures = new Fixtures(api);
		fixtures.account(id, "UTC", Map.of());
		fixtures.customer(id + "-c", id, null, "Customer", null, null);
		return id;
	}

	private static String lines(String account, int from, int to) {
		return IntStream.range(from, to)
			.mapToObj(i -> "k" + i + "," + account + "-c,voice,outbound,2026-07-01T10:" + String.format("%02d", i % 60)
					+ ":00Z,60,completed")
			.collect(Collectors.joining("\n"));
	}

	private static Path folder(String account, String format) throws IOException {
		return Files.createDirectories(folder.resolve("inbox").resolve(account).resolve(format));
	}

	/** Writes the file whole under a hidden name, then moves it into place, as a careful writer does. */
	private static void place(Path file, String content) throws IOException {
		Path hidden = file.resolveSibling("." + file.getFileName() + ".tmp");
		Files.writeString(hidden, content);
		Files.move(hidden, file, StandardCopyOption.ATOMIC_MOVE);
	}

	/** Until the node has seen the file as it is now. */
	private static void awaitSeen(Path file) throws IOException {
		long size = Files.size(file);
		await().atMost(Duration.ofSeconds(30)).until(() -> settled.sizeSeen(file).orElse(-1L) == size);
	}

	private static Path awaitFiled(Path file, String outcome) {
		Path filed = file.resolveSibling(outcome).resolve(file.getFileName());
		await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(filed));
		return filed;
	}

	private static List<Path> filesIn(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.toList();
		}
	}

	private static long imports(String account) {
		return jdbc.sql("SELECT COUNT(*) FROM call_import WHERE account_id = ?").param(account).query(Long.class).single();
	}

	private static long storedCalls(String account) {
		return jdbc.sql("SELECT COUNT(*) FROM call_record WHERE account_id = ?").param(account).query(Long.class)
			.single();
	}

	private static JsonNode onlyImport(String account) {
		JsonNode listed = ok(api.get("/calls/imports?accountId=" + account)).get("imports");
		assertThat(listed).hasSize(1);
		return listed.get(0);
	}

}
