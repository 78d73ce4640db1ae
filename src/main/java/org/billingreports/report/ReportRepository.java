package org.billingreports.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import org.billingreports.batch.ExecutionStatus;
import org.billingreports.billingjob.ReportDefinitions;
import org.billingreports.billingjob.ReportToBill;
import org.billingreports.kernel.ReportVersion;
import org.billingreports.kernel.Utc;
import org.billingreports.rating.BillingPeriod;

/**
 * Reports, their versions and the job executions that ran them. Statuses are joined from Spring
 * Batch's own {@code batch_job_execution} table, never stored here.
 */
@Repository
public class ReportRepository implements ReportDefinitions {

	/**
	 * A version of a report with its latest job execution, if it has one.
	 * @param startedBy a user name, {@code nightly} or {@code automaticRerun}
	 * @param reasons the out-of-date reasons that made it, as JSON; {@code null} for a first version
	 */
	public record VersionRow(ReportVersion run, String startedBy, String reasons, Instant createdAt,
			Long jobExecutionId, String node) {

		public int version() {
			return this.run.version();
		}

	}

	/**
	 * A report as it is shown: by one of its versions ({@code shown}: the newest that completed, else the
	 * newest, unless a read asks for another), with its newest version, which restart and stop act on.
	 */
	public record ReportRow(Report report, VersionRow shown, VersionRow newest, int versions) {

		/** The shown version's latest execution. */
		public Long jobExecutionId() {
			return this.shown.jobExecutionId();
		}

		/** The node that runs or ran the shown version. */
		public String node() {
			return this.shown.node();
		}

		public ReportVersion run() {
			return this.shown.run();
		}

	}

	/** A version's latest execution, and its status: the one that ran it last. */
	private static final String VERSION_EXECUTION = "LEFT JOIN report_execution x ON x.job_execution_id = "
			+ "(SELECT MAX(lx.job_execution_id) FROM report_execution lx WHERE lx.report_id = v.report_id "
			+ "AND lx.version = v.version) "
			+ "LEFT JOIN batch_job_execution e ON e.job_execution_id = x.job_execution_id ";

	/**
	 * Each report with the version it shows: its newest completed version, else its newest, so that a
	 * rerun under way never takes a finished report away from those who read it.
	 */
	private static final String SHOWN = "FROM billing_report r JOIN report_version v ON v.report_id = r.id "
			+ "AND v.version = COALESCE((SELECT MAX(cx.version) FROM report_execution cx "
			+ "JOIN batch_job_execution ce ON ce.job_execution_id = cx.job_execution_id "
			+ "WHERE cx.report_id = r.id AND ce.status = 'COMPLETED'), "
			+ "(SELECT MAX(mv.version) FROM report_version mv WHERE mv.report_id = r.id)) " + VERSION_EXECUTION;

	private static final String SELECT = "SELECT r.*, v.version, v.started_by, v.reasons, "
			+ "v.created_at AS version_created_at, x.job_execution_id, x.node, "
			+ "(SELECT MAX(nv.version) FROM report_version nv WHERE nv.report_id = r.id) AS newest_version " + SHOWN;

	/** Each report with its newest version's latest execution: the one that runs now, if any does. */
	private static final String NEWEST_EXECUTION = "FROM billing_report r "
			+ "LEFT JOIN report_execution x ON x.job_execution_id = "
			+ "(SELECT MAX(job_execution_id) FROM report_execution WHERE report_id = r.id) "
			+ "LEFT JOIN batch_job_execution e ON e.job_execution_id = x.job_execution_id ";

	private static final String VERSIONS = "SELECT v.version, v.started_by, v.reasons, "
			+ "v.created_at AS version_created_at, x.job_execution_id, x.node FROM report_version v "
			+ VERSION_EXECUTION + "WHERE v.report_id = ? ORDER BY v.version";

	private final JdbcClient jdbc;

	ReportRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores a report with its first version.
	 * @param scope the customers a scoped report covers; ignored for an account-wide one
	 */
	public void insert(Report report, Set<String> scope) {
		this.jdbc
			.sql("INSERT INTO billing_report (id, account_id, name, start_date, end_date, period_start, period_end, "
					+ "include_customer_ids, email_address_to_notify, webhook_url, created_by, created_by_user_id, "
					+ "scope_customer_id, nightly_date, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(report.id(), report.accountId(), report.name(), report.startDate(), report.endDate(),
					Utc.of(report.period().start()), Utc.of(report.period().end()), report.includeCustomerIds(),
					report.emailAddressToNotify(), report.webhookUrl(), report.createdBy(), report.createdByUserId(),
					report.scopeCustomerId(), report.nightlyDate(), Utc.of(report.createdAt()))
			.update();
		insertVersion(ReportVersion.first(report.id()),
				(report.createdBy() != null) ? report.createdBy() : "unknown", null, report.createdAt());
		if (report.isScoped()) {
			for (String customerId : scope) {
				this.jdbc.sql("INSERT INTO report_customer_scope (report_id, customer_id) VALUES (?, ?)")
					.params(report.id(), customerId)
					.update();
			}
		}
	}

	/**
	 * Stores a new version of a report.
	 * @param reasons the out-of-date reasons that made it, as JSON, or {@code null}
	 * @return whether it was stored: {@code false} when another request or node stored that version first
	 */
	boolean insertVersion(ReportVersion run, String startedBy, String reasons, Instant at) {
		try {
			this.jdbc
				.sql("INSERT INTO report_version (report_id, version, started_by, reasons, created_at) "
						+ "VALUES (?, ?, ?, ?, ?)")
				.params(run.reportId(), run.version(), startedBy, reasons, Utc.of(at))
				.update();
			return true;
		}
		catch (DuplicateKeyException anotherWasFirst) {
			return false;
		}
	}

	@Override
	public ReportToBill toBill(ReportVersion run) {
		Report report = find(run.reportId())
			.orElseThrow(() -> new IllegalStateException("report " + run.reportId() + " no longer exists"));
		return new ReportToBill(run, report.accountId(), report.startDate(), report.endDate(), report.period(),
				report.includeCustomerIds(), report.isScoped() ? scope(run.reportId()) : null);
	}

	/** The customers a scoped report covers, as fixed when it was requested. */
	Set<String> scope(String reportId) {
		return new HashSet<>(this.jdbc.sql("SELECT customer_id FROM report_customer_scope WHERE report_id = ?")
			.param(reportId)
			.query(String.class)
			.list());
	}

	/** The latest day of the account's nightly runs that completed (any version), if any. */
	public Optional<LocalDate> lastCompletedNightly(String accountId) {
		return this.jdbc
			.sql("SELECT MAX(r.nightly_date) FROM billing_report r WHERE r.account_id = ? "
					+ "AND r.nightly_date IS NOT NULL AND EXISTS (SELECT 1 FROM report_execution x "
					+ "JOIN batch_job_execution e ON e.job_execution_id = x.job_execution_id "
					+ "WHERE x.report_id = r.id AND e.status = 'COMPLETED')")
			.param(accountId)
			.query((rs, row) -> Optional.ofNullable(rs.getObject(1, LocalDate.class)))
			.single();
	}

	/** Reports accepted before {@code before}, oldest first. */
	public List<Report> createdBefore(Instant before, int limit) {
		return this.jdbc.sql("SELECT r.* FROM billing_report r WHERE r.created_at < ? ORDER BY r.created_at LIMIT ?")
			.params(Utc.of(before), limit)
			.query((rs, row) -> report(rs))
			.list();
	}

	/** Locks the account's row until the transaction ends, so that admissions of its reports take turns. */
	void lockAccount(String accountId) {
		this.jdbc.sql("SELECT id FROM account WHERE id = ? FOR UPDATE").param(accountId).query(String.class).list();
	}

	/** Locks the report's row until the transaction ends, so that its reruns take turns. */
	void lockReport(String reportId) {
		this.jdbc.sql("SELECT id FROM billing_report WHERE id = ? FOR UPDATE").param(reportId).query(String.class).list();
	}

	/**
	 * Reports of the account that are queued or running (any version), or were accepted so recently that
	 * their job may not have been created yet.
	 */
	int active(String accountId, Instant acceptedSince) {
		return this.jdbc
			.sql("SELECT COUNT(*) " + NEWEST_EXECUTION + "WHERE r.account_id = ? AND (e.status IN ('STARTING', "
					+ "'STARTED', 'STOPPING') OR (x.job_execution_id IS NULL AND r.created_at >= ?))")
			.params(accountId, Utc.of(acceptedSince))
			.query(Integer.class)
			.single();
	}

	void delete(String reportId) {
		this.jdbc.sql("DELETE FROM billing_report WHERE id = ?").param(reportId).update();
	}

	/** Forgets a version whose launch was refused: nothing of it ran. */
	void deleteVersion(ReportVersion run) {
		this.jdbc.sql("DELETE FROM report_version WHERE report_id = ? AND version = ?")
			.params(run.reportId(), run.version())
			.update();
	}

	/** The node that runs (or ran) the job execution of a report. */
	public Optional<String> nodeOf(long jobExecutionId) {
		return this.jdbc.sql("SELECT node FROM report_execution WHERE job_execution_id = ?")
			.param(jobExecutionId)
			.query(String.class)
			.optional();
	}

	public void recordExecution(ReportVersion run, long jobExecutionId, String node) {
		this.jdbc
			.sql("INSERT INTO report_execution (job_execution_id, report_id, version, node) VALUES (?, ?, ?, ?)")
			.params(jobExecutionId, run.reportId(), run.version(), node)
			.update();
	}

	/** Every job execution of the report, of every version. */
	List<Long> executionIds(String reportId) {
		return this.jdbc.sql("SELECT job_execution_id FROM report_execution WHERE report_id = ? ORDER BY job_execution_id")
			.param(reportId)
			.query(Long.class)
			.list();
	}

	public Optional<Report> find(String id) {
		return this.jdbc.sql("SELECT * FROM billing_report WHERE id = ?")
			.param(id)
			.query((rs, row) -> report(rs))
			.optional();
	}

	/** The report as it is shown: by its newest completed version, else its newest. */
	public Optional<ReportRow> findRow(String id) {
		return findRow(id, null);
	}

	/**
	 * The report as it is shown, by the version asked for ({@code null}: as {@link #findRow(String)});
	 * empty when it has no such version.
	 */
	public Optional<ReportRow> findRow(String id, Integer version) {
		Optional<Report> report = find(id);
		if (report.isEmpty()) {
			return Optional.empty();
		}
		List<VersionRow> versions = versions(id);
		if (versions.isEmpty()) {
			return Optional.empty();
		}
		VersionRow newest = versions.get(versions.size() - 1);
		VersionRow shown;
		if (version != null) {
			shown = versions.stream().filter(row -> row.version() == version).findFirst().orElse(null);
			if (shown == null) {
				return Optional.empty();
			}
		}
		else {
			shown = shownOf(versions);
		}
		return Optional.of(new ReportRow(report.get(), shown, newest, versions.size()));
	}

	/** The newest completed version, else the newest. */
	private VersionRow shownOf(List<VersionRow> versions) {
		for (int i = versions.size() - 1; i >= 0; i--) {
			VersionRow candidate = versions.get(i);
			if (candidate.jobExecutionId() != null && isCompleted(candidate.jobExecutionId())) {
				return candidate;
			}
		}
		return versions.get(versions.size() - 1);
	}

	private boolean isCompleted(long jobExecutionId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM batch_job_execution WHERE job_execution_id = ? AND status = 'COMPLETED'")
			.param(jobExecutionId)
			.query(Long.class)
			.single() > 0;
	}

	/** The report's versions, oldest first, each with its latest execution. */
	List<VersionRow> versions(String reportId) {
		return this.jdbc.sql(VERSIONS).param(reportId).query((rs, row) -> versionRow(reportId, rs)).list();
	}

	/**
	 * Reports by the query's filters and order, each as it is shown.
	 * @param createdByUserId only this user's, or anyone's when {@code null}
	 */
	List<ReportRow> list(ReportQuery query, String createdByUserId) {
		List<String> conditions = new ArrayList<>();
		List<Object> params = new ArrayList<>();
		if (query.accountId() != null) {
			conditions.add("r.account_id = ?");
			params.add(query.accountId());
		}
		if (createdByUserId != null) {
			conditions.add("r.created_by_user_id = ?");
			params.add(createdByUserId);
		}
		if (query.requester() != null) {
			conditions.add("r.created_by = ?");
			params.add(query.requester());
		}
		if (query.periodEndsAfter() != null) {
			conditions.add("r.period_end > ?");
			params.add(Timestamp.from(query.periodEndsAfter()));
		}
		if (query.periodStartsBefore() != null) {
			conditions.add("r.period_start < ?");
			params.add(Timestamp.from(query.periodStartsBefore()));
		}
		ExecutionStatus status = query.status();
		if (status != null) {
			String statuses = status.batchStatuses()
				.stream()
				.map(batchStatus -> "'" + batchStatus.name() + "'")
				.collect(Collectors.joining(", "));
			// A report whose launch never created an execution counts as failed.
			conditions.add("(e.status IN (" + statuses + ")"
					+ ((status == ExecutionStatus.Error) ? " OR x.job_execution_id IS NULL)" : ")"));
		}
		String where = conditions.isEmpty() ? "" : "WHERE " + String.join(" AND ", conditions) + " ";
		params.add(query.take());
		params.add(query.skip());
		return rows(SELECT + where + "ORDER BY " + query.sort().orderBy + " LIMIT ? OFFSET ?", params);
	}

	/**
	 * Reports with a notification that is retrying (pending after a failed attempt) or that gave up,
	 * newest first.
	 */
	List<ReportRow> withTroubledNotifications(String accountId, String createdByUserId, int limit) {
		return rows(SELECT + "WHERE EXISTS (SELECT 1 FROM notification n WHERE n.report_id = r.id "
				+ "AND (n.status = 'failed' OR (n.status = 'pending' AND n.attempts > 0))) "
				+ "AND (CAST(? AS VARCHAR(64)) IS NULL OR r.account_id = ?) "
				+ "AND (CAST(? AS VARCHAR(36)) IS NULL OR r.created_by_user_id = ?) "
				+ "ORDER BY r.created_at DESC, r.id DESC LIMIT ?",
				Arrays.asList(accountId, accountId, createdByUserId, createdByUserId, limit));
	}

	/**
	 * Each report found with its shown version, and its newest version (versions are numbered without
	 * gaps: the newest is how many there are).
	 */
	private List<ReportRow> rows(String sql, List<Object> params) {
		record Found(Report report, VersionRow shown, int newest) {
		}
		List<Found> found = this.jdbc.sql(sql)
			.params(params)
			.query((rs, row) -> new Found(report(rs), versionRow(rs.getString("id"), rs), rs.getInt("newest_version")))
			.list();
		List<ReportRow> rows = new ArrayList<>(found.size());
		for (Found report : found) {
			List<VersionRow> all = (report.newest() == report.shown().version()) ? List.of(report.shown())
					: versions(report.report().id());
			VersionRow newest = all.get(all.size() - 1);
			rows.add(new ReportRow(report.report(), report.shown(), newest, report.newest()));
		}
		return rows;
	}

	/**
	 * The account's nightly reports of {@code earliestDay} or later whose newest version is out of date for
	 * late or corrected call records (only a completed version is marked).
	 */
	public List<LateNightly> lateNightly(String accountId, LocalDate earliestDay) {
		return this.jdbc
			.sql("SELECT r.id, o.version, MIN(o.since) AS since, MAX(o.last_changed) AS last_changed "
					+ "FROM billing_report r JOIN report_out_of_date o ON o.report_id = r.id "
					+ "WHERE r.account_id = ? AND r.nightly_date >= ? AND o.kind IN ('lateCalls', 'correctedCalls') "
					+ "AND o.quantity > 0 AND o.version = (SELECT MAX(v.version) FROM report_version v "
					+ "WHERE v.report_id = r.id) GROUP BY r.id, o.version ORDER BY r.id")
			.params(accountId, earliestDay)
			.query((rs, row) -> new LateNightly(new ReportVersion(rs.getString("id"), rs.getInt("version")),
					instant(rs, "since"), instant(rs, "last_changed")))
			.list();
	}

	/** How many executions on this node wait for a thread ahead of this one. */
	int queuedAhead(long jobExecutionId, String node) {
		return this.jdbc
			.sql("SELECT COUNT(*) FROM batch_job_execution e JOIN report_execution x "
					+ "ON x.job_execution_id = e.job_execution_id "
					+ "WHERE e.status = 'STARTING' AND x.node = ? AND e.job_execution_id < ?")
			.params(node, jobExecutionId)
			.query(Integer.class)
			.single();
	}

	private static Report report(ResultSet rs) throws SQLException {
		return new Report(rs.getString("id"), rs.getString("account_id"), rs.getString("name"),
				rs.getString("start_date"), rs.getString("end_date"),
				new BillingPeriod(instant(rs, "period_start"), instant(rs, "period_end")),
				rs.getBoolean("include_customer_ids"), rs.getString("email_address_to_notify"),
				rs.getString("webhook_url"), rs.getString("created_by"), rs.getString("created_by_user_id"),
				rs.getString("scope_customer_id"), rs.getObject("nightly_date", LocalDate.class),
				instant(rs, "created_at"));
	}

	private static VersionRow versionRow(String reportId, ResultSet rs) throws SQLException {
		long executionId = rs.getLong("job_execution_id");
		Long execution = rs.wasNull() ? null : executionId;
		return new VersionRow(new ReportVersion(reportId, rs.getInt("version")), rs.getString("started_by"),
				rs.getString("reasons"), instant(rs, "version_created_at"), execution, rs.getString("node"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

}
