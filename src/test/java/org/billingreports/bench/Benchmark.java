package org.billingreports.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

import javax.sql.DataSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

import org.billingreports.kernel.ReportVersion;
import org.billingreports.BillingReportsApplication;
import org.billingreports.batch.ExecutionStatus;
import org.billingreports.batch.JobCompletions;
import org.billingreports.calls.AsteriskLines;
import org.billingreports.calls.CallImports;
import org.billingreports.calls.ImportInfo;
import org.billingreports.database.DatabaseEnvironment;
import org.billingreports.report.BillingReportRequest;
import org.billingreports.report.ReportDeletion;
import org.billingreports.report.ReportInfo;
import org.billingreports.report.ReportService;
import org.billingreports.security.Caller;
import org.billingreports.security.Role;
import org.billingreports.statement.Audience;
import org.billingreports.statement.BillingFiles;

/**
 * {@code make bench}: generates call records into a fresh database, runs the billing report job as
 * the REST API does (through {@link ReportService} and the {@code JobOperator}), runs the SQL
 * baseline on the same data and checks that both bill the same, makes the first run's workbook and
 * call detail, then imports a generated Asterisk file as the command line does; prints one table of
 * medians.
 *
 * <pre>
 * --records=1000000        call records to bill
 * --db=h2,postgres         databases (PostgreSQL only when reachable); h2-write-delay is H2 with its
 *                          own WRITE_DELAY=500 instead of our 0, to see what durability costs
 * --repeat=3               runs of each measurement; the table shows medians
 * --import-records=500000  Asterisk records to import
 * --postgres-url=jdbc:postgresql://127.0.0.1:5432/test --postgres-user=postgres --postgres-password=
 * --documents=true        the first run's workbook and call detail too (minutes at 10,000,000 calls)
 * --deck-prefixes=100000  the job again with the calls priced by a rate deck of that many prefixes (0: not)
 * --jar=target/app/billing-reports-0.1.0-SNAPSHOT.jar --cds=target/app/application.jsa
 *                          the packaged service, for start-up and command-line times (skipped without it)
 * --push-threads=32 --push-seconds=60
 *                          the bench's switch: that many clients posting FreeSWITCH legs to the packaged service
 * --only=push              only the pushed legs (the rest takes many minutes)
 * </pre>
 */
public final class Benchmark {

	private static final Caller BENCH = new Caller(null, "bench", null, Role.SystemAdministrator, null, null);

	private static final String PG_SCHEMA = "billing_bench";

	private static final String PG_START_SCHEMA = "billing_bench_start";

	private static final String PG_PUSH_SCHEMA = "billing_bench_push";

	private static final String IMPORT_ACCOUNT = "bench-import";

	/** The embedded database with H2's own write delay instead of ours: what durability costs. */
	private static final String H2_WRITE_DELAY = "h2-write-delay";

	private static final int COMMITS = 5_000;

	private final Map<String, String> options;

	private final HeapWatch heap = new HeapWatch();

	private Benchmark(Map<String, String> options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new LinkedHashMap<>(Map.of("records", "1000000", "db", "h2,postgres", "repeat",
				"3", "import-records", "500000", "postgres-url", "jdbc:postgresql://127.0.0.1:5432/test",
				"postgres-user", "postgres", "postgres-password", ""));
		options.put("documents", "true");
		options.put("deck-prefixes", "100000");
		options.put("jar", "target/app/billing-reports-0.1.0-SNAPSHOT.jar");
		options.put("cds", "target/app/application.jsa");
		options.put("push-threads", "32");
		options.put("push-seconds", "60");
		options.put("only", "");
		for (String arg : args) {
			String[] option = arg.replaceFirst("^--", "").split("=", 2);
			if (!options.containsKey(option[0]) || option.length != 2) {
				System.err.println("unknown option " + arg + "; options: " + options.keySet());
				System.exit(2);
			}
			options.put(option[0], option[1]);
		}
		System.exit(new Benchmark(options).run());
	}

	private int run() throws Exception {
		System.out.println(Machine.describe());
		List<Result> results = new ArrayList<>();
		for (String db : this.options.get("db").split(",")) {
			if (db.equals("postgres") && !postgresReachable()) {
				System.out.println("PostgreSQL is not reachable at " + this.options.get("postgres-url") + "; skipped");
				continue;
			}
			if (this.options.get("only").equals("push")) {
				pushedLegs(db.strip(), Files.createTempDirectory("billing-bench-push-"));
				continue;
			}
			results.add(measure(db.strip()));
		}
		System.out.println();
		System.out.println(Result.table(results));
		return results.stream().allMatch(Result::totalsMatch) ? 0 : 1;
	}

	private Result measure(String db) throws Exception {
		long records = Long.parseLong(this.options.get("records"));
		long importRecords = Long.parseLong(this.options.get("import-records"));
		int repeat = Integer.parseInt(this.options.get("repeat"));
		Path dataDir = Files.createTempDirectory("billing-bench-");
		List<String> settings = new ArrayList<>(List.of("--billing.data-dir=" + dataDir, "--billing.background=false",
				"--billing.node-name=bench", "--spring.main.banner-mode=off", "--logging.level.root=warn"));
		boolean postgres = db.equals("postgres");
		if (postgres) {
			settings.addAll(freshPostgresSchema(PG_SCHEMA));
		}
		else if (db.equals(H2_WRITE_DELAY)) {
			// H2's own default: commits reach the file up to half a second later (lost on a killed JVM).
			settings.add("--spring.datasource.url=" + DatabaseEnvironment.h2Url(dataDir).replace("WRITE_DELAY=0",
					"WRITE_DELAY=500"));
		}
		else if (!db.equals("h2")) {
			throw new IllegalArgumentException("--db takes h2, " + H2_WRITE_DELAY + " and postgres, not " + db);
		}
		System.out.printf("%n%s: generating %,d call records%n", db, records);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BillingReportsApplication.class)
			.web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.run(settings.toArray(String[]::new))) {
			JdbcClient jdbc = context.getBean(JdbcClient.class);
			long generating = System.nanoTime();
			new BenchData(context.getBean(DataSource.class), postgres).create(records);
			System.out.printf("%s: generated in %s%n", db, seconds(System.nanoTime() - generating));
			SqlBaseline baseline = new SqlBaseline(jdbc);
			List<Run> runs = new ArrayList<>();
			boolean totalsMatch = true;
			for (int i = 1; i <= repeat; i++) {
				Run run = billingRun(context, baseline, postgres, records,
						i == 1 && Boolean.parseBoolean(this.options.get("documents")));
				runs.add(run);
				totalsMatch &= run.totalsMatch();
				System.out.printf("%s run %d: job %s (%,d/s, live heap %d MB), baseline %s (%,d/s), totals %s%n", db,
						i, seconds(run.jobNanos()), rate(records, run.jobNanos()), run.liveHeapMegabytes(),
						seconds(run.baselineNanos()), rate(records, run.baselineNanos()),
						run.totalsMatch() ? "equal" : "DIFFER");
			}
			List<Run> deckRuns = deckRuns(context, db, records, repeat);
			long commitNanos = commits(jdbc);
			System.out.printf("%s: %,d single-row commits in %s (%,d/s)%n", db, COMMITS, seconds(commitNanos),
					rate(COMMITS, commitNanos));
			List<Long> imports = new ArrayList<>();
			Path file = dataDir.resolve("Master.csv");
			AsteriskLines.write(file, importRecords);
			jdbc.sql("INSERT INTO account (id, name, time_zone_id, currency, created_at) VALUES (?, ?, 'UTC', 'USD', ?)")
				.params(IMPORT_ACCOUNT, "Bench imports", OffsetDateTime.now(ZoneOffset.UTC))
				.update();
			jdbc.sql("INSERT INTO customer (id, account_id, name, override_billing_settings) VALUES (?, ?, ?, FALSE)")
				.params(IMPORT_ACCOUNT + "-c", IMPORT_ACCOUNT, "Switch")
				.update();
			BenchVersions.createBusyAccount(jdbc, AsteriskLines.FIRST_START.toLocalDate(),
					(int) Math.max(1, importRecords * 2 / 86_400 + 1));
			List<BenchVersions.BusyImport> busyImports = new ArrayList<>();
			for (int i = 1; i <= repeat && importRecords > 0; i++) {
				imports.add(importRun(context, file, importRecords));
				BenchVersions.BusyImport busy = BenchVersions.importIntoBusyAccount(context, BENCH, file, importRecords);
				busyImports.add(busy);
				System.out.printf("%s import %d: %s (%,d/s); into an account with %,d completed reports: %s (%,d/s), "
						+ "its change taken up (%d reports recounted) in %s%n", db, i, seconds(imports.get(i - 1)),
						rate(importRecords, imports.get(i - 1)), BenchVersions.REPORTS, seconds(busy.importNanos()),
						rate(importRecords, busy.importNanos()), BenchVersions.OVERLAPPING, seconds(busy.markingNanos()));
			}
			BenchVersions.Changes changes = BenchVersions.changes(context, BENCH, records);
			System.out.printf("%s: changes between two versions of the %,d-call report (%,d calls added): JSON %s, "
					+ "changes.csv %s%n", db, records, changes.added(), seconds(changes.jsonNanos()),
					seconds(changes.csvNanos()));
			StartupTimes.Times startup = startup(db, dataDir);
			PushLoad.Figures push = pushedLegs(db, dataDir);
			return new Result(db, records, median(runs, Run::jobNanos), runs.get(0).jobNanos(),
					median(runs, Run::baselineNanos), runs.stream().mapToLong(Run::liveHeapMegabytes).max().orElse(0),
					totalsMatch, importRecords,
					median(imports.stream().map(nanos -> new Run(nanos, 0, 0, true)).toList(), Run::jobNanos),
					commitNanos, startup, median(deckRuns, Run::jobNanos),
					median(busyImports.stream().map(busy -> new Run(busy.importNanos(), 0, 0, true)).toList(), Run::jobNanos),
					median(busyImports.stream().map(busy -> new Run(busy.markingNanos(), 0, 0, true)).toList(),
							Run::jobNanos),
					changes.jsonNanos(), changes.csvNanos(), push);
		}
		finally {
			if (postgres) {
				postgres("DROP SCHEMA IF EXISTS " + PG_SCHEMA + " CASCADE");
			}
			FileSystemUtils.deleteRecursively(dataDir);
		}
	}

	/** The bench's switch posting legs to the packaged service, on a database of their own. */
	private PushLoad.Figures pushedLegs(String db, Path dataDir) throws Exception {
		StartupTimes service = new StartupTimes(Path.of(this.options.get("jar")), Path.of(this.options.get("cds")));
		if (db.equals(H2_WRITE_DELAY) || !service.available()) {
			return PushLoad.Figures.NONE;
		}
		Path pushData = Files.createDirectories(dataDir.resolve("pushed"));
		boolean postgres = db.equals("postgres");
		// The service's own limit (120,000 legs a minute per caller, 2,000 a second) would cap what is measured.
		List<String> settings = new ArrayList<>(List.of("--billing.data-dir=" + pushData,
				"--billing.limits.ingestion-requests-per-minute=100000000"));
		if (postgres) {
			settings.addAll(freshPostgresSchema(PG_PUSH_SCHEMA));
		}
		int threads = Integer.parseInt(this.options.get("push-threads"));
		try {
			PushLoad.Figures figures = new PushLoad(service).measure(settings, threads,
					Duration.ofSeconds(Long.parseLong(this.options.get("push-seconds"))),
					() -> storedLegs(postgres, pushData));
			System.out.printf("%s: %d clients posting FreeSWITCH legs: %,.0f legs/s stored, latency p50 %.1f ms, p99 "
					+ "%.1f ms; %,d answered 2xx, %,d stored, %,d refused%n", db, threads, figures.legsPerSecond(),
					figures.p50() / 1e6, figures.p99() / 1e6, figures.answered(), figures.stored(), figures.refused());
			return figures;
		}
		finally {
			if (postgres) {
				postgres("DROP SCHEMA IF EXISTS " + PG_PUSH_SCHEMA + " CASCADE");
			}
		}
	}

	/** The legs the push run stored: the sample's call of 2013 (the demo's calls are of 2026). */
	private long storedLegs(boolean postgres, Path dataDir) {
		String sql = "SELECT COUNT(*) FROM call_record WHERE account_id = 'demo' AND start_time < "
				+ "TIMESTAMP WITH TIME ZONE '2014-01-01 00:00:00+00'";
		try (Connection connection = postgres ? postgresConnection(PG_PUSH_SCHEMA)
				: DriverManager.getConnection(DatabaseEnvironment.h2Url(dataDir), "sa", "");
				Statement statement = connection.createStatement();
				java.sql.ResultSet count = statement.executeQuery(sql)) {
			count.next();
			return count.getLong(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("counting the stored legs failed", ex);
		}
	}

	/** The packaged service's start-up and one command, on a database of their own. */
	private StartupTimes.Times startup(String db, Path dataDir) throws Exception {
		StartupTimes startup = new StartupTimes(Path.of(this.options.get("jar")), Path.of(this.options.get("cds")));
		if (db.equals(H2_WRITE_DELAY)) {
			return StartupTimes.Times.NONE; // the service's own settings only
		}
		if (!startup.available()) {
			System.out.println(db + ": start-up not measured (no " + this.options.get("jar") + "; make build makes it)");
			return StartupTimes.Times.NONE;
		}
		List<String> settings = db.equals("postgres") ? freshPostgresSchema(PG_START_SCHEMA) : List.of();
		try {
			StartupTimes.Times times = startup.measure(Files.createDirectories(dataDir.resolve("started")), settings);
			System.out.printf("%s: ready %s on a new database, %s again; command line: report %s, status %s%n", db,
					seconds(times.cold()), seconds(times.warm()), seconds(times.report()), seconds(times.status()));
			return times;
		}
		finally {
			if (db.equals("postgres")) {
				postgres("DROP SCHEMA IF EXISTS " + PG_START_SCHEMA + " CASCADE");
			}
		}
	}

	/** The report as a client requests it, then the SQL baseline on the same data. */
	private Run billingRun(ConfigurableApplicationContext context, SqlBaseline baseline, boolean postgres,
			long records, boolean documents) throws Exception {
		ReportService reports = context.getBean(ReportService.class);
		JdbcClient jdbc = context.getBean(JdbcClient.class);
		this.heap.reset();
		long cpu = jvmCpuNanos();
		long start = System.nanoTime();
		ReportInfo report = reports.create(new BillingReportRequest(BenchData.ACCOUNT, BenchData.START_DATE,
				BenchData.END_DATE, true, null, null), null, BENCH);
		context.getBean(JobCompletions.class).await(Long.parseLong(report.jobId()), Duration.ofHours(10));
		long job = System.nanoTime() - start;
		long live = this.heap.liveMegabytes();
		ReportInfo ended = reports.get(report.id(), BENCH);
		long jvmCpu = jvmCpuNanos() - cpu;
		// What the JVM itself spent (all its threads); the rest of the job's time it waited, mostly on the database.
		System.out.println("  steps: " + stepTimes(jdbc, Long.parseLong(report.jobId())) + "; JVM CPU " + seconds(jvmCpu)
				+ " of " + seconds(job) + " wall");
		if (ended.status() != ExecutionStatus.Completed) {
			throw new IllegalStateException("the report ended " + ended.status() + ": " + ended.statusMessage());
		}
		if (documents) {
			documents(context, report.id(), records);
		}
		Map<String, SqlBaseline.Total> jobTotals = baseline.totals(report.id());
		context.getBean(ReportDeletion.class).delete(report.id());
		vacuum(jdbc, postgres);

		start = System.nanoTime();
		Map<String, SqlBaseline.Total> baselineTotals = baseline.run(BenchData.ACCOUNT,
				OffsetDateTime.parse(BenchData.START_DATE + "T00:00:00Z"),
				OffsetDateTime.parse(BenchData.END_DATE + "T00:00:00Z").plusDays(1));
		long sql = System.nanoTime() - start;
		baseline.clear();
		vacuum(jdbc, postgres);
		long billed = baselineTotals.values().stream().mapToLong(SqlBaseline.Total::units).sum();
		if (billed == 0 || records == 0) {
			throw new IllegalStateException("nothing was billed");
		}
		return new Run(job, sql, live, jobTotals.equals(baselineTotals));
	}

	/**
	 * The job again with a rate deck assigned (priced in the JVM instead of one statement per range):
	 * the deck's upload, then {@code repeat} runs, each checked to have completed.
	 */
	private List<Run> deckRuns(ConfigurableApplicationContext context, String db, long records, int repeat)
			throws Exception {
		int prefixes = Integer.parseInt(this.options.get("deck-prefixes"));
		if (prefixes == 0) {
			return List.of();
		}
		long upload = BenchDeck.install(context, BENCH, prefixes);
		System.out.printf("%s: a deck of %,d prefixes uploaded in %s%n", db, prefixes, seconds(upload));
		ReportService reports = context.getBean(ReportService.class);
		JdbcClient jdbc = context.getBean(JdbcClient.class);
		List<Run> runs = new ArrayList<>();
		try {
			for (int i = 1; i <= repeat; i++) {
				this.heap.reset();
				long start = System.nanoTime();
				ReportInfo report = reports.create(new BillingReportRequest(BenchData.ACCOUNT, BenchData.START_DATE,
						BenchData.END_DATE, true, null, null), null, BENCH);
				context.getBean(JobCompletions.class).await(Long.parseLong(report.jobId()), Duration.ofHours(10));
				long job = System.nanoTime() - start;
				ReportInfo ended = reports.get(report.id(), BENCH);
				if (ended.status() != ExecutionStatus.Completed) {
					throw new IllegalStateException("the deck report ended " + ended.status() + ": " + ended.statusMessage());
				}
				long priced = jdbc.sql("SELECT COUNT(*) FROM billing_row WHERE report_id = ? AND pricing = 'deck'")
					.param(report.id())
					.query(Long.class)
					.single();
				runs.add(new Run(job, 0, this.heap.liveMegabytes(), true));
				System.out.printf("%s deck run %d: job %s (%,d/s, %,d calls priced by the deck, live heap %d MB)%n  steps: %s%n",
						db, i, seconds(job), rate(records, job), priced, runs.get(i - 1).liveHeapMegabytes(),
						stepTimes(jdbc, Long.parseLong(report.jobId())));
				context.getBean(ReportDeletion.class).delete(report.id());
				vacuum(jdbc, db.equals("postgres"));
			}
		}
		finally {
			BenchDeck.uninstall(context);
		}
		return runs;
	}

	/**
	 * Many small transactions, as the API makes them (a report accepted, a user created): what a
	 * database's durability costs shows here, where each commit waits for its write.
	 */
	private static long commits(JdbcClient jdbc) {
		jdbc.sql("CREATE TABLE bench_commit (id INT PRIMARY KEY, at TIMESTAMP)").update();
		long start = System.nanoTime();
		for (int i = 0; i < COMMITS; i++) {
			jdbc.sql("INSERT INTO bench_commit (id, at) VALUES (?, CURRENT_TIMESTAMP)").param(i).update();
		}
		long nanos = System.nanoTime() - start;
		jdbc.sql("DROP TABLE bench_commit").update();
		return nanos;
	}

	/**
	 * The report's documents for people and programs, made as a first download makes them: the
	 * workbook (every call on its Calls sheets) and the call detail, with the live heap of each.
	 */
	private void documents(ConfigurableApplicationContext context, String reportId, long records) throws Exception {
		BillingFiles files = context.getBean(BillingFiles.class);
		this.heap.reset();
		long start = System.nanoTime();
		Path workbook = files.workbook(ReportVersion.first(reportId), Audience.PROVIDER);
		long workbookNanos = System.nanoTime() - start;
		long workbookHeap = this.heap.liveMegabytes();
		this.heap.reset();
		CountingStream detail = new CountingStream();
		start = System.nanoTime();
		files.writeCalls(ReportVersion.first(reportId), Audience.PROVIDER, null, detail);
		long detailNanos = System.nanoTime() - start;
		System.out.printf("  workbook: %s (%,d calls/s), %,d MB, live heap %d MB; call detail: %s (%,d calls/s), "
				+ "%,d MB, live heap %d MB%n", seconds(workbookNanos), rate(records, workbookNanos),
				Files.size(workbook) >> 20, workbookHeap, seconds(detailNanos), rate(records, detailNanos),
				detail.count >> 20, this.heap.liveMegabytes());
	}

	/** Counts what the call detail writes, and keeps none of it. */
	private static final class CountingStream extends OutputStream {

		private long count;

		@Override
		public void write(int b) {
			this.count++;
		}

		@Override
		public void write(byte[] bytes, int offset, int length) {
			this.count += length;
		}

	}

	private long importRun(ConfigurableApplicationContext context, Path file, long records) throws Exception {
		long start = System.nanoTime();
		ImportInfo result = context.getBean(CallImports.class)
			.importFile(file, IMPORT_ACCOUNT, "asterisk", "UTC", IMPORT_ACCOUNT + "-c", null, BENCH);
		long nanos = System.nanoTime() - start;
		if (result.status() != ExecutionStatus.Completed || result.imported() != records) {
			throw new IllegalStateException("the import ended " + result.status() + ": " + result.statusMessage());
		}
		JdbcClient jdbc = context.getBean(JdbcClient.class);
		jdbc.sql("DELETE FROM call_record WHERE account_id = ?").param(IMPORT_ACCOUNT).update();
		return nanos;
	}

	/** Where the job's time went: each step's (and partition's) seconds. */
	private static String stepTimes(JdbcClient jdbc, long jobExecutionId) {
		return jdbc.sql("SELECT step_name, start_time, end_time FROM batch_step_execution WHERE job_execution_id = ? "
				+ "ORDER BY step_execution_id")
			.param(jobExecutionId)
			.query((rs, row) -> rs.getString("step_name") + " " + seconds(Duration
				.between(rs.getTimestamp("start_time").toInstant(), rs.getTimestamp("end_time").toInstant())
				.toNanos()))
			.list()
			.toString();
	}

	private static long jvmCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	/** Dead rows of the run before would slow the next one down on PostgreSQL. */
	private static void vacuum(JdbcClient jdbc, boolean postgres) {
		if (postgres) {
			jdbc.sql("VACUUM ANALYZE billing_row").update();
		}
	}

	/** The settings of a service on this schema of the PostgreSQL database, emptied first. */
	private List<String> freshPostgresSchema(String schema) throws SQLException {
		postgres("DROP SCHEMA IF EXISTS " + schema + " CASCADE", "CREATE SCHEMA " + schema);
		String url = this.options.get("postgres-url");
		return List.of("--spring.datasource.url=" + url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema,
				"--spring.datasource.username=" + this.options.get("postgres-user"),
				"--spring.datasource.password=" + this.options.get("postgres-password"));
	}

	private boolean postgresReachable() {
		try (Connection connection = postgresConnection()) {
			return connection.isValid(5);
		}
		catch (SQLException ex) {
			return false;
		}
	}

	private void postgres(String... statements) throws SQLException {
		try (Connection connection = postgresConnection(); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

	private Connection postgresConnection() throws SQLException {
		return DriverManager.getConnection(this.options.get("postgres-url"), this.options.get("postgres-user"),
				this.options.get("postgres-password"));
	}

	private Connection postgresConnection(String schema) throws SQLException {
		Connection connection = postgresConnection();
		connection.setSchema(schema);
		return connection;
	}

	private static long median(List<Run> runs, ToLongFunction<Run> measure) {
		long[] values = runs.stream().mapToLong(measure).sorted().toArray();
		return (values.length == 0) ? 0 : values[values.length / 2];
	}

	static String seconds(long nanos) {
		return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
	}

	static long rate(long records, long nanos) {
		return (nanos == 0) ? 0 : Math.round(records / (nanos / 1e9));
	}

	/** One billing run and its baseline. */
	private record Run(long jobNanos, long baselineNanos, long liveHeapMegabytes, boolean totalsMatch) {
	}

	/** The medians of one database's runs. */
	private record Result(String db, long records, long jobNanos, long firstJobNanos, long baselineNanos,
			long liveHeapMegabytes, boolean totalsMatch, long importRecords, long importNanos, long commitNanos,
			StartupTimes.Times startup, long deckJobNanos, long busyImportNanos, long markingNanos,
			long changesNanos, long changesCsvNanos, PushLoad.Figures push) {

		static String table(List<Result> results) {
			StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
					"| database | call records | job (median) | job rate | first run (cold JIT) | SQL baseline | baseline rate "
							+ "| job rate / baseline rate | live heap | totals | import records | import | import rate "
							+ "| single-row commits | ready (new database / again) | command line (report / status) "
							+ "| job with a rate deck (median) | deck job rate / job rate "
							+ "| import into 1,000 reports / import | its change taken up | changes, 1%% late (JSON / CSV) "
							+ "| pushed legs stored (32 clients) | pushed leg p99 |%n"
							+ "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|%n"));
			for (Result result : results) {
				table.append(String.format(Locale.ROOT,
						"| %s | %,d | %s | %,d/s | %s | %s | %,d/s | %.2f | %d MB of %d MB | %s | %,d | %s | %,d/s | %,d/s "
								+ "| %s / %s | %s / %s | %s | %.2f | %.2f | %s | %s / %s | %,.0f/s | %.1f ms |%n",
						result.db(), result.records(), seconds(result.jobNanos()),
						rate(result.records(), result.jobNanos()), seconds(result.firstJobNanos()),
						seconds(result.baselineNanos()), rate(result.records(), result.baselineNanos()),
						(double) result.baselineNanos() / result.jobNanos(), result.liveHeapMegabytes(),
						HeapWatch.maxHeapMegabytes(), result.totalsMatch() ? "equal" : "DIFFER",
						result.importRecords(), seconds(result.importNanos()),
						rate(result.importRecords(), result.importNanos()), rate(COMMITS, result.commitNanos()),
						seconds(result.startup().cold()), seconds(result.startup().warm()),
						seconds(result.startup().report()), seconds(result.startup().status()),
						seconds(result.deckJobNanos()),
						(result.deckJobNanos() == 0) ? 0.0 : (double) result.jobNanos() / result.deckJobNanos(),
						(result.importNanos() == 0) ? 0.0 : (double) result.busyImportNanos() / result.importNanos(),
						seconds(result.markingNanos()), seconds(result.changesNanos()), seconds(result.changesCsvNanos()),
						result.push().legsPerSecond(), result.push().p99() / 1e6));
			}
			return table.toString();
		}

	}

	/** Where the numbers were measured. */
	private static final class Machine {

		static String describe() throws IOException {
			String cpu = Files.exists(Path.of("/proc/cpuinfo")) ? Files.readAllLines(Path.of("/proc/cpuinfo"))
				.stream()
				.filter(line -> line.startsWith("model name"))
				.map(line -> line.substring(line.indexOf(':') + 1).strip())
				.findFirst()
				.orElse("?") : "?";
			return String.format(Locale.ROOT, "%d cores (%s), Java %s, -Xmx %d MB", Runtime.getRuntime()
				.availableProcessors(), cpu, System.getProperty("java.version"), HeapWatch.maxHeapMegabytes());
		}

	}

}
