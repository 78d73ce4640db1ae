package org.billingreports.ingestion;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.billingreports.support.Fixtures;
import org.billingreports.support.Nodes;
import org.billingreports.support.PostgresTestDatabase;
import org.billingreports.support.ServiceProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The watched folder on PostgreSQL, as it runs in production: two nodes watching one folder import each file
 * once, and claiming files at the same moment claims each once; a node killed while it imports a file finishes
 * that import once it is started again, never importing the file a second time.
 */
@ExtendWith(PostgresTestDatabase.class)
class InboxPostgresTest {

	private static final String HEADER = "callId,customerId,channel,direction,from,to,startTime,answerTime,endTime,"
			+ "durationSeconds,billableSeconds,status,carrierCost";

	@TempDir
	Path folder;

	private PostgresTestDatabase.Schema schema;

	private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	private ServiceProcess service;

	@AfterEach
	void stop() throws InterruptedException {
		this.nodes.forEach(ConfigurableApplicationContext::close);
		if (this.service != null) {
			this.service.close();
		}
		if (this.schema != null) {
			this.schema.close();
		}
	}

	@Test
	void twoNodesWatchingOneFolderImportEachFileOnce() throws Exception {
		this.schema = PostgresTestDatabase.Schema.create();
		ConfigurableApplicationContext one = node("inbox-one");
		ConfigurableApplicationContext two = node("inbox-two");
		new Fixtures(Nodes.admin(one)).accountWithFiveCustomers("acc");
		int files = 8;
		int lines = 50;
		for (int i = 0; i < files; i++) {
			place(inbox("acc").resolve("calls-" + i + ".csv"), i * lines, lines);
		}

		Path done = inbox("acc").resolve("done");
		await().atMost(Duration.ofSeconds(120)).until(() -> Files.isDirectory(done) && count(done) == files);
		assertThat(count(inbox("acc"))).as("only done/ is left").isOne();
		assertThat(query("SELECT COUNT(*), COUNT(DISTINCT call_id) FROM call_record WHERE account_id = 'acc'"))
			.as("every call stored, none twice").containsExactly((long) files * lines, (long) files * lines);
		assertThat(query("SELECT COUNT(*), COUNT(DISTINCT file_name) FROM call_import WHERE account_id = 'acc'"))
			.as("one import per file").containsExactly((long) files, (long) files);
		assertThat(query("SELECT COUNT(*), COUNT(DISTINCT file_name) FROM inbox_file WHERE state = 'done'"))
			.containsExactly((long) files, (long) files);

		claimAtOnce(List.of(one, two));
	}

	/**
	 * Which node takes a file depends on when each polls. Here both claim the same files at the same moment,
	 * through the database as the nodes do (under node names of their own: the running nodes never follow these
	 * claims of files that are not there), and each file is claimed once.
	 */
	private void claimAtOnce(List<ConfigurableApplicationContext> nodes) throws Exception {
		int files = 300;
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService both = Executors.newFixedThreadPool(nodes.size());
		try {
			List<Future<Integer>> claimed = new ArrayList<>();
			for (ConfigurableApplicationContext node : nodes) {
				InboxClaims claims = new InboxClaims(node.getBean(JdbcClient.class));
				String racer = "racer-" + claimed.size();
				claimed.add(both.submit(() -> {
					go.await();
					int won = 0;
					for (int i = 0; i < files; i++) {
						InboxClaims.Identity file = new InboxClaims.Identity("race", "native", "f" + i, 10, 1_800_000_000);
						won += claims.claim(file, UUID.randomUUID().toString(), racer, "run", Instant.now()).isPresent()
								? 1 : 0;
					}
					return won;
				}));
			}
			go.countDown();
			int won = 0;
			for (Future<Integer> racer : claimed) {
				won += racer.get(60, TimeUnit.SECONDS);
			}
			assertThat(won).isEqualTo(files);
		}
		finally {
			both.shutdownNow();
		}
		assertThat(query("SELECT COUNT(*), COUNT(DISTINCT file_name) FROM inbox_file WHERE account_id = 'race'"))
			.containsExactly((long) files, (long) files);
	}

	@Test
	void aNodeKilledWhileItImportsAFileFinishesItOnceAfterItStartsAgain() throws Exception {
		this.schema = PostgresTestDatabase.Schema.create();
		this.service = ServiceProcess.start(this.folder, "inbox-crash", settings());
		new Fixtures(this.service.api()).accountWithFiveCustomers("acc");
		int lines = 200_000;
		place(inbox("acc").resolve("big.csv"), 0, lines);
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(10))
			.until(() -> storedCalls() > 0);
		this.service.kill();
		assertThat(storedCalls()).as("killed before the end").isLessThan(lines);
		String importId = single("SELECT import_id FROM inbox_file");

		this.service = ServiceProcess.start(this.folder, "inbox-crash", settings());
		Path done = inbox("acc").resolve("done").resolve("big.csv");
		await().atMost(Duration.ofSeconds(180)).until(() -> Files.exists(done));
		assertThat(query("SELECT COUNT(*), COUNT(DISTINCT call_id) FROM call_record WHERE account_id = 'acc'"))
			.as("every call stored, none twice").containsExactly((long) lines, (long) lines);
		assertThat(query("SELECT COUNT(*) FROM call_import")).as("the file imported once").containsExactly(1L);
		assertThat(single("SELECT id FROM call_import")).isEqualTo(importId);
		assertThat(query("SELECT COUNT(*) FROM batch_job_execution_params WHERE parameter_name = 'importId' "
				+ "AND parameter_value = '" + importId + "'"))
			.as("its job run, then resumed once").containsExactly(2L);
		assertThat(single("SELECT state FROM inbox_file")).isEqualTo("done");
	}

	private ConfigurableApplicationContext node(String name) {
		List<String> settings = settings();
		settings.add("--billing.data-dir=" + this.folder.resolve(name));
		ConfigurableApplicationContext node = Nodes.start(name, settings);
		this.nodes.add(node);
		return node;
	}

	private List<String> settings() {
		List<String> settings = new ArrayList<>(this.schema.arguments());
		settings.addAll(List.of("--billing.calls.inbox=" + this.folder.resolve("inbox"),
				"--billing.calls.inbox-poll-interval=100ms", "--billing.calls.inbox-settle-time=300ms"));
		return settings;
	}

	private Path inbox(String account) throws IOException {
		return Files.createDirectories(this.folder.resolve("inbox").resolve(account).resolve("native"));
	}

	/** Native lines {@code from}… for customers c0…c4, written under a hidden name and moved into place. */
	private static void place(Path file, int from, int lines) throws IOException {
		Path hidden = file.resolveSibling("." + file.getFileName());
		try (Writer out = Files.newBufferedWriter(hidden)) {
			out.write(HEADER);
			for (int i = from; i < from + lines; i++) {
				out.write("\nk-" + i + ",c" + (i % 5) + ",voice,outbound,+1,+2,2026-08-02T10:00:00Z,,,60,60,completed,0.01");
			}
		}
		Files.move(hidden, file, StandardCopyOption.ATOMIC_MOVE);
	}

	private static long count(Path directory) throws IOException {
		try (Stream<Path> entries = Files.list(directory)) {
			return entries.count();
		}
	}

	private long storedCalls() throws SQLException {
		return query("SELECT COUNT(*) FROM call_record")[0];
	}

	private long[] query(String sql) throws SQLException {
		try (Connection connection = this.schema.connect();
				PreparedStatement statement = connection.prepareStatement(sql);
				ResultSet rows = statement.executeQuery()) {
			rows.next();
			long[] values = new long[rows.getMetaData().getColumnCount()];
			for (int i = 0; i < values.length; i++) {
				values[i] = rows.getLong(i + 1);
			}
			return values;
		}
	}

	private String single(String sql) throws SQLException {
		try (Connection connection = this.schema.connect();
				PreparedStatement statement = connection.prepareStatement(sql);
				ResultSet rows = statement.executeQuery()) {
			assertThat(rows.next()).as(sql).isTrue();
			String value = rows.getString(1);
			assertThat(rows.next()).as(sql + ": one row").isFalse();
			return value;
		}
	}

}
