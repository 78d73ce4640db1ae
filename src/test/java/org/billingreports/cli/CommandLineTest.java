package org.billingreports.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import org.billingreports.BillingReportsApplication;
import org.billingreports.security.LocalOperator;
import org.billingreports.support.Api;
import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar as a command, beside a running service on the same H2 file (as cron would use it): what it
 * prints, and its exit codes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandLineTest {

	@TempDir
	static Path dataDir;

	private ConfigurableApplicationContext service;

	/** What one run printed, and how it exited. */
	record Run(int exitCode, String out, String err) {
	}

	@BeforeAll
	void startService() {
		this.service = new SpringApplicationBuilder(BillingReportsApplication.class).profiles("test")
			.run(settings("--server.port=0").toArray(String[]::new));
		Api api = new Api(Integer.parseInt(this.service.getEnvironment().getProperty("local.server.port")))
			.as(ApiTestSupport.ADMIN, ApiTestSupport.ADMIN_PASSWORD);
		Fixtures fixtures = new Fixtures(api);
		fixtures.account("acc", "UTC", Map.of("base", Fixtures.item("2.5", "0", "0", 0), "inboundSmsMessages",
				Fixtures.item("0", "0", "0.01", 0)));
		fixtures.customer("c1", "acc", null, "First", "1001", null);
	}

	@AfterAll
	void stopService() {
		this.service.close();
	}

	@Test
	void importReportStatusAndRestart() throws Exception {
		Path calls = dataDir.resolve("calls.csv");
		Files.writeString(calls, "callId,customerId,channel,direction,startTime,status\n"
				+ "k1,c1,sms,inbound,2026-07-01T10:00:00Z,completed\nk2,1001,sms,inbound,2026-07-02T10:00:00Z,completed\n"
				+ "k3,c1,telex,inbound,2026-07-02T10:00:00Z,completed\n");
		Run imported = run("import", calls.toString(), "--account=acc");
		assertThat(imported.exitCode()).isZero();
		assertThat(imported.out()).contains("Completed: Imported 2 of 3 call records; 0 duplicates, 1 rejected")
			.contains("line 4: channel must be voice, sms or fax, not 'telex'");

		Run report = run("report", "--account=acc", "--start=2026-07-01", "--end=2026-07-31",
				"--include-customer-ids");
		assertThat(report.exitCode()).as(report.err()).isZero();
		Path file = Path.of(report.out().strip());
		assertThat(Files.readAllLines(file)).containsExactly(
				"Customer,Customer ID,Item,Quantity,Allowance,Billable,Unit Cost,Base Cost,Raw Cost,Amount",
				"First,c1,Base,1,0,1,0,2.5,0,2.50", "First,c1,InboundSmsMessages,2,0,2,0.01,0,0,0.02");
		assertThat(report.err()).contains("1 customers, 2 calls, total 2.52 USD");

		String reportId = file.getFileName().toString().replace(".csv", "");
		Run status = run("status", reportId);
		assertThat(status.exitCode()).isZero();
		assertThat(status.out()).startsWith("Completed: 1 customers, 2 calls").contains(file.toString());
		// Asked of the running service, which answers as the command would on its own.
		assertThat(status.err()).startsWith("billing-reports: the service at http://127.0.0.1:"
				+ this.service.getEnvironment().getProperty("local.server.port") + " on its embedded H2 database");
		List<String> otherDatabase = new ArrayList<>(List.of("status", reportId));
		settings().forEach(setting -> otherDatabase
			.add(setting.startsWith("--spring.datasource.url=") ? setting + ";TRACE_LEVEL_FILE=1" : setting));
		Run alone = new CommandLineRunner().run(otherDatabase.toArray(String[]::new));
		assertThat(alone.err()).as("another database: not the service's").startsWith("billing-reports: embedded H2");
		assertThat(alone.out()).isEqualTo(status.out());

		Run restart = run("restart", reportId);
		assertThat(restart.exitCode()).isEqualTo(CommandLine.FAILED);
		assertThat(restart.err()).contains("is Completed; only a report in Error can be restarted");
	}

	@Test
	void importsASwitchFileWithADefaultCustomerAndRefusesOneWithoutIt() throws Exception {
		Path master = dataDir.resolve("Master.csv");
		try (var sample = getClass().getResourceAsStream("/cdr/asterisk-newcdrcolumns-Master.csv")) {
			Files.copy(sample, master);
		}
		Run refused = run("import", master.toString(), "--account=acc", "--format=asterisk");
		assertThat(refused.exitCode()).isEqualTo(CommandLine.FAILED);
		assertThat(refused.out()).isEmpty();
		// Which database, then the reason alone, without a stack trace.
		assertThat(refused.err()).startsWith("billing-reports: embedded H2 database "
				+ dataDir.resolve("billing.mv.db") + System.lineSeparator() + "Error: The file was refused: 84 of 84 lines (100%) were rejected")
			.contains("line 1: the line names no customer (empty account code), its called number '211474' is none "
					+ "of the account's, and the import has no defaultCustomerId")
			.doesNotContain("Exception");

		Run imported = run("import", master.toString(), "--account=acc", "--format=asterisk",
				"--time-zone=Europe/Moscow", "--default-customer=1001");
		assertThat(imported.exitCode()).as(imported.err()).isZero();
		assertThat(imported.out()).isEqualTo("Completed: Imported 84 of 84 call records; 0 duplicates, 0 rejected"
				+ System.lineSeparator());
	}

	@Test
	void failuresExitWithOne() {
		Run unknownAccount = run("report", "--account=nope", "--start=2026-07-01", "--end=2026-07-31");
		assertThat(unknownAccount.exitCode()).isEqualTo(CommandLine.FAILED);
		assertThat(unknownAccount.err()).contains("account 'nope' does not exist");
		assertThat(unknownAccount.out()).isEmpty();
		Run badDates = run("report", "--account=acc", "--start=2026-07-31", "--end=2026-07-01");
		assertThat(badDates.exitCode()).isEqualTo(CommandLine.FAILED);
		assertThat(badDates.err()).contains("endDate must not be before startDate");
		Run unknownReport = run("status", "no-such-report");
		assertThat(unknownReport.exitCode()).isEqualTo(CommandLine.FAILED);
		assertThat(unknownReport.err()).contains("the service at").contains("Report 'no-such-report' was not found");
	}

	/**
	 * As a new user would: the jar run from one folder makes a report, run from another it finds it;
	 * neither folder gets a database of its own (both use the per-user default).
	 */
	@Test
	void fromAnyFolderTheCommandFindsTheSameData(@TempDir Path home) throws Exception {
		Path first = Files.createDirectories(home.resolve("first"));
		Path second = Files.createDirectories(home.resolve("second"));
		Run report = runJvm(first, home, "report", "--account=demo", "--start=2026-10-01", "--end=2026-10-31",
				"--spring.profiles.active=demo");
		assertThat(report.exitCode()).as(report.err()).isZero();
		String database = "billing-reports: embedded H2 database "
				+ home.resolve(".billing-reports").resolve("billing.mv.db");
		assertThat(report.err()).startsWith(database);
		String id = report.err().lines().filter(line -> line.startsWith("report ")).findFirst().orElseThrow().split(" ")[1];

		Run status = runJvm(second, home, "status", id);
		assertThat(status.exitCode()).as(status.err()).isZero();
		assertThat(status.out()).startsWith("Completed: ");
		assertThat(status.err()).startsWith(database);
		assertThat(first.resolve("data")).doesNotExist();
		assertThat(second.resolve("data")).doesNotExist();
	}

	/**
	 * A service file left behind by a killed service, or naming a port that another program holds now:
	 * the command works on the database itself.
	 */
	@Test
	void aStaleServiceFileIsPassedOver(@TempDir Path otherDataDir) throws Exception {
		int freedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			freedPort = socket.getLocalPort();
		}
		HttpServer otherProgram = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		otherProgram.createContext("/", exchange -> {
			exchange.sendResponseHeaders(404, -1);
			exchange.close();
		});
		otherProgram.start();
		try {
			for (int port : new int[] { freedPort, otherProgram.getAddress().getPort() }) {
				String database = settings().stream()
					.filter(setting -> setting.startsWith("--spring.datasource.url="))
					.findFirst()
					.orElseThrow()
					.substring("--spring.datasource.url=".length());
				Properties stale = new Properties();
				stale.setProperty("url", "http://127.0.0.1:" + port);
				stale.setProperty("database", database);
				stale.setProperty("token", "left-behind");
				try (var out = Files.newBufferedWriter(otherDataDir.resolve(LocalOperator.FILE))) {
					stale.store(out, null);
				}
				List<String> args = new ArrayList<>(List.of("status", "no-such-report"));
				settings().forEach(setting -> args.add(setting.startsWith("--billing.data-dir=")
						? "--billing.data-dir=" + otherDataDir : setting));
				Run run = new CommandLineRunner().run(args.toArray(String[]::new));
				assertThat(run.exitCode()).as(run.err()).isEqualTo(CommandLine.FAILED);
				assertThat(run.err()).as("port " + port)
					.startsWith("billing-reports: embedded H2 database")
					.contains("Report 'no-such-report' was not found");
			}
		}
		finally {
			otherProgram.stop(0);
		}
	}

	/** The command in a JVM of its own, in that folder, for a user whose home is {@code home}. */
	private static Run runJvm(Path folder, Path home, String... command) throws Exception {
		List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Duser.home=" + home, "-cp", System.getProperty("java.class.path"),
				BillingReportsApplication.class.getName()));
		line.addAll(List.of(command));
		Path out = Files.createTempFile(home, "out", ".txt");
		Path err = Files.createTempFile(home, "err", ".txt");
		Process process = new ProcessBuilder(line).directory(folder.toFile())
			.redirectOutput(out.toFile())
			.redirectError(err.toFile())
			.start();
		assertThat(process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
		return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
	}

	@Test
	void usageErrorsExitWithTwoBeforeTouchingTheDatabase() {
		for (String[] args : List.of(new String[] { "report", "--account=acc" }, new String[] { "frobnicate" },
				new String[] { "status" }, new String[] { "report", "--account=acc", "--start=x", "--end=y", "--colour" },
				new String[] { "import", "/no/such/file.csv", "--account=acc" })) {
			Run run = new CommandLineRunner().run(args);
			assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(CommandLine.USAGE);
			assertThat(run.err()).contains("usage: java -jar billing-reports.jar");
		}
	}

	private Run run(String... command) {
		List<String> args = new ArrayList<>(List.of(command));
		args.addAll(settings());
		return new CommandLineRunner().run(args.toArray(String[]::new));
	}

	private List<String> settings(String... more) {
		List<String> settings = new ArrayList<>(List.of("--billing.data-dir=" + dataDir,
				"--spring.datasource.url=jdbc:h2:file:" + dataDir.resolve("billing")
						+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE",
				"--spring.datasource.username=sa", "--spring.datasource.password="));
		settings.addAll(List.of(more));
		return settings;
	}

	/** Runs the command line with its output captured. */
	static final class CommandLineRunner {

		Run run(String... args) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			ByteArrayOutputStream err = new ByteArrayOutputStream();
			int code = new CommandLine(BillingReportsApplication.class, new PrintStream(out, true, StandardCharsets.UTF_8),
					new PrintStream(err, true, StandardCharsets.UTF_8))
				.run(args);
			return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
		}

	}

}
