package org.billingreports.bench;

import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.billingreports.batch.ExecutionStatus;
import org.billingreports.batch.JobCompletions;
import org.billingreports.calls.CallImports;
import org.billingreports.calls.ImportInfo;
import org.billingreports.report.BillingReportRequest;
import org.billingreports.report.OutOfDateSweep;
import org.billingreports.report.ReportChanges;
import org.billingreports.report.ReportDeletion;
import org.billingreports.report.ReportInfo;
import org.billingreports.report.ReportService;
import org.billingreports.security.Caller;

/**
 * What reports that stay true cost: an import into an account with 1,000 completed reports (100 of them
 * overlapping the imported days) against one into an account with none, with the taking up of its
 * change (recounting the reports it concerns) apart; and the changes between two versions of the bench's
 * report (a rerun after 1% of late calls).
 */
final class BenchVersions {

	static final String BUSY_ACCOUNT = "bench-busy";

	/** The completed reports of the busy account, and how many of them overlap the imported days. */
	static final int REPORTS = 1_000;

	static final int OVERLAPPING = 100;

	/** Ids for the fixture's job repository rows, far above what the sequences hand out in a bench. */
	private static final long FIRST_ID = 9_000_000_000L;

	private BenchVersions() {
	}

	/**
	 * The busy account: a customer and 1,000 completed reports of one day each, the first 100 over the days
	 * the generated Asterisk file covers (from {@code importStart}), the rest three years earlier. Written
	 * straight into the tables, job repository included, as 1,000 runs of the job would leave them.
	 */
	static void createBusyAccount(JdbcClient jdbc, LocalDate importStart, int importDays) {
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		jdbc.sql("INSERT INTO account (id, name, time_zone_id, currency, created_at) VALUES (?, ?, 'UTC', 'USD', ?)")
			.params(BUSY_ACCOUNT, "Bench with reports", now)
			.update();
		jdbc.sql("INSERT INTO customer (id, account_id, name, override_billing_settings) VALUES (?, ?, ?, FALSE)")
			.params(BUSY_ACCOUNT + "-c", BUSY_ACCOUNT, "Switch")
			.update();
		for (int i = 0; i < REPORTS; i++) {
			LocalDate day = (i < OVERLAPPING) ? importStart.plusDays(i % importDays) : importStart.minusYears(3).plusDays(i);
			String id = UUID.randomUUID().toString();
			long instance = FIRST_ID + i;
			jdbc.sql("INSERT INTO billing_report (id, account_id, name, start_date, end_date, period_start, period_end, "
					+ "include_customer_ids, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, TRUE, 'bench', ?)")
				.params(id, BUSY_ACCOUNT, "Bench " + day, day.toString(), day.toString(),
						day.atStartOfDay().atOffset(ZoneOffset.UTC), day.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC),
						now)
				.update();
			jdbc.sql("INSERT INTO report_version (report_id, version, started_by, created_at) VALUES (?, 1, 'bench', ?)")
				.params(id, now)
				.update();
			jdbc.sql("INSERT INTO batch_job_instance (job_instance_id, version, job_name, job_key) "
					+ "VALUES (?, 0, 'billingReportJob', ?)")
				.params(instance, Long.toHexString(instance))
				.update();
			jdbc.sql("INSERT INTO batch_job_execution (job_execution_id, version, job_instance_id, create_time, "
					+ "start_time, end_time, status, exit_code, last_updated) VALUES (?, 2, ?, ?, ?, ?, 'COMPLETED', "
					+ "'COMPLETED', ?)")
				.params(instance, instance, LocalDateTime.now(), LocalDateTime.now(), LocalDateTime.now(),
						LocalDateTime.now())
				.update();
			jdbc.sql("INSERT INTO report_execution (job_execution_id, report_id, version, node) VALUES (?, ?, 1, 'bench')")
				.params(instance, id)
				.update();
		}
	}

	/** The busy account's import and the taking up of its change, in nanoseconds each. */
	record BusyImport(long importNanos, long markingNanos) {
	}

	static BusyImport importIntoBusyAccount(ConfigurableApplicationContext context, Caller caller, Path file,
			long records) throws Exception {
		long start = System.nanoTime();
		ImportInfo result = context.getBean(CallImports.class)
			.importFile(file, BUSY_ACCOUNT, "asterisk", "UTC", BUSY_ACCOUNT + "-c", null, caller);
		long importNanos = System.nanoTime() - start;
		if (result.status() != ExecutionStatus.Completed || result.imported() != records) {
			throw new IllegalStateException("the import ended " + result.status() + ": " + result.statusMessage());
		}
		start = System.nanoTime();
		context.getBean(OutOfDateSweep.class).takeUp();
		long markingNanos = System.nanoTime() - start;
		JdbcClient jdbc = context.getBean(JdbcClient.class);
		long marked = jdbc.sql("SELECT COUNT(*) FROM report_out_of_date o JOIN billing_report r ON r.id = o.report_id "
				+ "WHERE r.account_id = ? AND o.kind = 'lateCalls' AND o.quantity > 0")
			.param(BUSY_ACCOUNT)
			.query(Long.class)
			.single();
		if (marked != OVERLAPPING) {
			throw new IllegalStateException(marked + " reports were marked out of date, not " + OVERLAPPING);
		}
		jdbc.sql("DELETE FROM report_out_of_date WHERE report_id IN (SELECT id FROM billing_report WHERE account_id = ?)")
			.param(BUSY_ACCOUNT)
			.update();
		jdbc.sql("DELETE FROM call_record WHERE account_id = ?").param(BUSY_ACCOUNT).update();
		return new BusyImport(importNanos, markingNanos);
	}

	/** The times of {@code changes} (JSON) and {@code changes.csv} between two versions. */
	record Changes(long jsonNanos, long csvNanos, long added) {
	}

	/**
	 * The bench's report, version 1; 1% of late calls in its period; version 2; then what changed between
	 * them, as {@code GET …/changes} and {@code …/changes.csv} compute it.
	 */
	static Changes changes(ConfigurableApplicationContext context, Caller caller, long records) throws Exception {
		ReportService reports = context.getBean(ReportService.class);
		JdbcClient jdbc = context.getBean(JdbcClient.class);
		ReportInfo first = reports.create(new BillingReportRequest(BenchData.ACCOUNT, BenchData.START_DATE,
				BenchData.END_DATE, true, null, null), null, caller);
		await(context, first);
		long late = Math.max(1, records / 100);
		// One call in a hundred arrives again, late, as another call of the same minute.
		jdbc.sql("INSERT INTO call_record (account_id, call_id, customer_id, channel, direction, start_time, "
				+ "duration_seconds, billable_seconds, status, carrier_cost) SELECT account_id, 'late-' || call_id, "
				+ "customer_id, channel, direction, start_time, duration_seconds, billable_seconds, status, carrier_cost "
				+ "FROM call_record WHERE account_id = ? AND MOD(id, 100) = 0")
			.param(BenchData.ACCOUNT)
			.update();
		ReportInfo second = reports.rerun(first.id(), caller);
		await(context, second);
		ReportChanges changes = context.getBean(ReportChanges.class);
		long start = System.nanoTime();
		ReportChanges.Pair pair = changes.pair(first.id(), 1, 2, caller);
		ReportChanges.Changes between = changes.between(pair);
		long json = System.nanoTime() - start;
		start = System.nanoTime();
		context.getBean(org.billingreports.statement.BillingFiles.class)
			.writeCallChanges(pair.from(), pair.to(), pair.audience(), OutputStream.nullOutputStream());
		long csv = System.nanoTime() - start;
		context.getBean(ReportDeletion.class).delete(first.id());
		jdbc.sql("DELETE FROM call_record WHERE account_id = ? AND call_id LIKE 'late-%'")
			.param(BenchData.ACCOUNT)
			.update();
		if (between.callsAdded() == 0 || between.callsAdded() > late * 2) {
			throw new IllegalStateException(between.callsAdded() + " calls added, about " + late + " expected");
		}
		return new Changes(json, csv, between.callsAdded());
	}

	private static void await(ConfigurableApplicationContext context, ReportInfo report) throws InterruptedException {
		context.getBean(JobCompletions.class).await(Long.parseLong(report.jobId()), Duration.ofHours(10));
	}

}
