package org.billingreports.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.billingreports.billingjob.VersionInputs;
import org.billingreports.changes.InputChangeQueue.InputChange;
import org.billingreports.changes.InputChangeQueue;
import org.billingreports.changes.InputChanges;
import org.billingreports.kernel.ReportVersion;
import org.billingreports.kernel.Utc;
import org.billingreports.rating.RatingSql;
import org.billingreports.statement.StatementRepository;

/**
 * Takes up one recorded change: finds the completed report versions it may concern (each report's shown
 * version, by account, and for call records by period), recounts or compares what they billed from with
 * what is there now, sets their reasons ({@link OutOfDate}), and announces each reason a version had not
 * announced yet ({@code report.outOfDate}). Runs in the transaction that marks the change taken up, so
 * that a change is taken up whole, once.
 * <ul>
 * <li>calls: {@code lateCalls}, the current records of the version's period and scope it did not bill
 * (stored after it ran, or while it ran, whatever their id); {@code correctedCalls}, the records it billed
 * that a newer revision replaced;</li>
 * <li>a rate deck: the rates in force during the version's period of each deck it was pinned to, at the
 * version pinned and at the deck's newest;</li>
 * <li>prices, proration, rating options and the customer tree: what the version billed from (its kept
 * inputs) against what a rerun would bill from now, as {@code billingSettings} and {@code customers};</li>
 * <li>a version that completed: whatever of these changed while it ran.</li>
 * </ul>
 */
@Component
class OutOfDateMarking {

	/** Changes recorded this long before a version began are looked at for it too: commits lag their time. */
	private static final Duration MARGIN = Duration.ofMinutes(1);

	private static final String COMPLETED_VERSION = "(SELECT MAX(cx.version) FROM report_execution cx "
			+ "JOIN batch_job_execution ce ON ce.job_execution_id = cx.job_execution_id "
			+ "WHERE cx.report_id = r.id AND ce.status = 'COMPLETED')";

	private final JdbcClient jdbc;

	private final ReportRepository reports;

	private final OutOfDate outOfDate;

	private final InputChangeQueue changes;

	private final StatementRepository statements;

	private final VersionInputs inputs;

	private final ReportInfos infos;

	private final ReportNotifications notifications;

	private final JsonMapper json;

	OutOfDateMarking(JdbcClient jdbc, ReportRepository reports, OutOfDate outOfDate, InputChangeQueue changes,
			StatementRepository statements, VersionInputs inputs, ReportInfos infos, ReportNotifications notifications,
			JsonMapper json) {
		this.jdbc = jdbc;
		this.reports = reports;
		this.outOfDate = outOfDate;
		this.changes = changes;
		this.statements = statements;
		this.inputs = inputs;
		this.infos = infos;
		this.notifications = notifications;
		this.json = json;
	}

	/** A completed version that a change may concern. */
	private record Completed(Report report, ReportVersion run, Instant begun) {
	}

	/** @return the versions it marked (those whose reasons were looked at) */
	int take(InputChange change) {
		// What a rerun would bill from now depends on the account and the scope only: made once per change.
		Map<Set<String>, String> now = new HashMap<>();
		List<Completed> versions = switch (change.kind()) {
			case calls -> completed(change.accountId(), change.firstStart(), change.lastStart());
			case rateDeck -> completedPinnedTo(change.accountId(), change.subject());
			case billingSettings, customers -> completed(change.accountId(), null, null);
			case versionCompleted -> completed(change.accountId(), null, null).stream()
				.filter(version -> version.run()
					.equals(new ReportVersion(change.subject(), Objects.requireNonNull(change.subjectVersion()))))
				.toList();
		};
		for (Completed version : versions) {
			switch (change.kind()) {
				case calls -> recountCalls(version, change.createdAt());
				case rateDeck -> compareDecks(version, change.createdAt());
				case billingSettings, customers -> compareInputs(version, change, change.createdAt(), now);
				case versionCompleted -> sinceItBegan(version, change.createdAt(), now);
			}
			List<String> announced = this.outOfDate.announce(version.run());
			if (!announced.isEmpty()) {
				announce(version, announced);
			}
		}
		return versions.size();
	}

	/** What changed while the version ran, looked at now that it completed. */
	private void sinceItBegan(Completed version, Instant completedAt, Map<Set<String>, String> now) {
		Instant since = version.begun().minus(MARGIN);
		String account = version.report().accountId();
		Instant start = version.report().period().start();
		Instant end = version.report().period().end();
		if (this.changes.changedSince(account, InputChanges.Kind.calls, since, start, end)) {
			recountCalls(version, completedAt);
		}
		if (this.changes.changedSince(account, InputChanges.Kind.rateDeck, since, start, end)) {
			compareDecks(version, completedAt);
		}
		if (this.changes.changedSince(account, InputChanges.Kind.billingSettings, since, start, end)
				|| this.changes.changedSince(account, InputChanges.Kind.customers, since, start, end)) {
			compareInputs(version, null, completedAt, now);
		}
	}

	private void recountCalls(Completed version, Instant at) {
		ReportVersion run = version.run();
		Map<String, Object> parameters = Map.of("account", version.report().accountId(), "start",
				Utc.of(version.report().period().start()), "end", Utc.of(version.report().period().end()), "report",
				run.reportId(), "version", run.version());
		String scope = version.report().isScoped()
				? " AND c.customer_id IN (SELECT customer_id FROM report_customer_scope WHERE report_id = :report)" : "";
		long late = this.jdbc
			.sql("SELECT COUNT(*) FROM call_record c WHERE c.account_id = :account AND c.start_time >= :start "
					+ "AND c.start_time < :end" + scope + " AND " + RatingSql.current("c")
					+ " AND NOT EXISTS (SELECT 1 FROM billing_row b "
					+ "WHERE b.report_id = :report AND b.version = :version AND b.call_record_id = c.id) "
					// A newer revision of a call it billed is a correction, not a late call.
					+ "AND (c.revision = 1 OR NOT EXISTS (SELECT 1 FROM call_record o JOIN billing_row b "
					+ "ON b.report_id = :report AND b.version = :version AND b.call_record_id = o.id "
					+ "WHERE o.account_id = c.account_id AND o.call_id = c.call_id))")
			.params(parameters)
			.query(Long.class)
			.single();
		long corrected = this.jdbc
			.sql("SELECT COUNT(*) FROM call_record_correction k JOIN billing_row b ON b.report_id = :report "
					+ "AND b.version = :version AND b.call_record_id = k.superseded_id WHERE k.account_id = :account")
			.params(parameters)
			.query(Long.class)
			.single();
		this.outOfDate.set(run, "lateCalls", late, late + ((late == 1) ? " call record" : " call records")
				+ " of the period " + ((late == 1) ? "was" : "were") + " stored after this version rated it", at);
		this.outOfDate.set(run, "correctedCalls", corrected, corrected
				+ ((corrected == 1) ? " call record it billed was" : " call records it billed were")
				+ " corrected since", at);
	}

	/**
	 * Each deck the version was pinned to, at the version pinned and at its newest: the rates in force
	 * during the version's period (each cut to the period) that are not the same in both.
	 */
	private void compareDecks(Completed version, Instant at) {
		ReportVersion run = version.run();
		Map<String, Object> period = Map.of("start", Utc.of(version.report().period().start()), "end",
				Utc.of(version.report().period().end()));
		long differing = 0;
		List<String> details = new ArrayList<>();
		for (Map<String, Object> pin : this.jdbc
			.sql("SELECT DISTINCT p.deck_id, p.deck_name, p.deck_version, d.version AS newest FROM report_rate_deck p "
					+ "JOIN rate_deck d ON d.id = p.deck_id WHERE p.report_id = ? AND p.version = ? "
					+ "ORDER BY p.deck_id")
			.params(run.reportId(), run.version())
			.query()
			.listOfRows()) {
			int pinned = ((Number) pin.get("deck_version")).intValue();
			int newest = ((Number) pin.get("newest")).intValue();
			if (pinned == newest) {
				continue;
			}
			long count = differingRates((String) pin.get("deck_id"), pinned, newest, period);
			if (count > 0) {
				differing += count;
				details.add("rate deck " + pin.get("deck_name") + " version " + newest + " prices " + count
						+ ((count == 1) ? " rate" : " rates") + " of the period otherwise than version " + pinned);
			}
		}
		this.outOfDate.set(run, "rateDeck", differing, String.join("; ", details), at);
	}

	private long differingRates(String deckId, int pinned, int newest, Map<String, Object> period) {
		String rates = "SELECT item, prefix, connect_fee, rate, rate_unit_seconds, first_increment_seconds, "
				+ "next_increment_seconds, minimum_charge, CASE WHEN effective_from > :start THEN effective_from "
				+ "ELSE CAST(:start AS TIMESTAMP WITH TIME ZONE) END AS in_force_from, CASE WHEN effective_to IS NULL "
				+ "OR effective_to > :end THEN CAST(:end AS TIMESTAMP WITH TIME ZONE) ELSE effective_to END "
				+ "AS in_force_to FROM rate_deck_rate WHERE deck_id = :deck AND version = ";
		String inPeriod = " AND effective_from < :end AND (effective_to IS NULL OR effective_to > :start)";
		Map<String, Object> parameters = new HashMap<>(period);
		parameters.put("deck", deckId);
		parameters.put("pinned", pinned);
		parameters.put("newest", newest);
		return this.jdbc
			.sql("SELECT COUNT(*) FROM ((" + rates + ":pinned" + inPeriod + " EXCEPT " + rates + ":newest" + inPeriod
					+ ") UNION ALL (" + rates + ":newest" + inPeriod + " EXCEPT " + rates + ":pinned" + inPeriod
					+ ")) differing")
			.params(parameters)
			.query(Long.class)
			.single();
	}

	/**
	 * What the version billed from against what a rerun would bill from now. A version billed before its
	 * inputs were kept cannot be compared: the change itself marks it.
	 * @param change the change that made this comparison, or {@code null} for a version that just completed
	 * @param at when that change, or the version's completion, was recorded
	 * @param now what a rerun would bill from, by scope, as far as made for this change
	 */
	private void compareInputs(Completed version, InputChange change, Instant at, Map<Set<String>, String> now) {
		ReportVersion run = version.run();
		String stored = this.statements.inputs(run).orElse(null);
		if (stored == null) {
			if (change != null) {
				String kind = (change.kind() == InputChanges.Kind.customers) ? "customers" : "billingSettings";
				this.outOfDate.set(run, kind, 1, change.detail(), at);
			}
			return;
		}
		Set<String> scope = version.report().isScoped() ? this.reports.scope(run.reportId()) : null;
		String current = now.computeIfAbsent((scope != null) ? scope : Set.of(),
				any -> this.json.writeValueAsString(this.inputs.now(version.report().accountId(), scope)));
		InputDifferences differences = InputDifferences.between(VersionInputs.read(stored), VersionInputs.read(current));
		this.outOfDate.set(run, "billingSettings", differences.settings().size(),
				InputDifferences.describe(differences.settings()), at);
		this.outOfDate.set(run, "customers", differences.customers().size(),
				InputDifferences.describe(differences.customers()), at);
	}

	private void announce(Completed version, List<String> kinds) {
		Long execution = this.reports.findRow(version.run().reportId(), version.run().version())
			.map(ReportRepository.ReportRow::jobExecutionId)
			.orElse(null);
		if (execution == null) {
			return;
		}
		String payload = this.json
			.writeValueAsString(new NotificationPayload(this.infos.of(version.run()), null, kinds));
		this.notifications.insert(version.report(), version.run(), execution, ReportNotifications.OUT_OF_DATE,
				"outOfDate:" + String.join(",", kinds), payload);
	}

	/**
	 * Each report of the account with the version it shows, if that completed; for call records, only
	 * reports whose period overlaps {@code [first, last]}.
	 */
	private List<Completed> completed(String accountId, Instant first, Instant last) {
		String overlap = (first != null) ? " AND r.period_start <= :last AND r.period_end > :first" : "";
		Map<String, Object> parameters = new HashMap<>(Map.of("account", accountId));
		if (first != null) {
			parameters.put("first", Utc.of(first));
			parameters.put("last", Utc.of(last));
		}
		return versions("SELECT r.id, " + COMPLETED_VERSION + " AS version FROM billing_report r "
				+ "WHERE r.account_id = :account" + overlap, parameters);
	}

	/** Each report of the account whose shown, completed version was pinned to the deck. */
	private List<Completed> completedPinnedTo(String accountId, String deckId) {
		return versions("SELECT r.id, " + COMPLETED_VERSION + " AS version FROM billing_report r "
				+ "WHERE r.account_id = :account AND EXISTS (SELECT 1 FROM report_rate_deck p "
				+ "WHERE p.report_id = r.id AND p.deck_id = :deck)", Map.of("account", accountId, "deck", deckId))
			.stream()
			.filter(version -> this.jdbc
				.sql("SELECT COUNT(*) FROM report_rate_deck WHERE report_id = ? AND version = ? AND deck_id = ?")
				.params(version.run().reportId(), version.run().version(), deckId)
				.query(Long.class)
				.single() > 0)
			.toList();
	}

	private List<Completed> versions(String sql, Map<String, Object> parameters) {
		List<ReportVersion> runs = this.jdbc.sql(sql).params(parameters).query((rs, row) -> {
			int version = rs.getInt("version");
			return rs.wasNull() ? null : new ReportVersion(rs.getString("id"), version);
		}).list().stream().filter(Objects::nonNull).toList();
		List<Completed> completed = new ArrayList<>(runs.size());
		for (ReportVersion run : runs) {
			Report report = this.reports.find(run.reportId()).orElse(null);
			if (report != null) {
				completed.add(new Completed(report, run, begun(run)));
			}
		}
		return completed;
	}

	/** When the version's first execution was made: changes after it may be missing from it. */
	private Instant begun(ReportVersion run) {
		LocalDateTime created = this.jdbc
			.sql("SELECT MIN(e.create_time) FROM report_execution x JOIN batch_job_execution e "
					+ "ON e.job_execution_id = x.job_execution_id WHERE x.report_id = ? AND x.version = ?")
			.params(run.reportId(), run.version())
			.query(LocalDateTime.class)
			.single();
		// Spring Batch keeps local date-times of the JVM's zone.
		return created.atZone(ZoneId.systemDefault()).toInstant();
	}

}
