package org.billingreports.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import org.billingreports.batch.ExecutionStatus;
import org.billingreports.billingjob.ReportDefinitions;
import org.billingreports.billingjob.ReportToBill;
import org.billingreports.rating.BillingPeriod;

/**
 * Reports and the job executions that ran them. The status is joined from Spring Batch's own
 * {@code batch_job_execution} table, never stored here.
 */
@Repository
public class ReportRepository implements ReportDefinitions {

	/** A report with its latest job execution, if it has one. */
	public record ReportRow(Report report, Long jobExecutionId, String node) {
	}

	private static final String LATEST_EXECUTION = "FROM billing_report r "
			+ "LEFT JOIN report_execution x ON x.report_id = r.id AND x.job_execution_id = "
			+ "(SELECT MAX(job_execution_id) FROM report_execution WHERE report_id = r.id) "
			+ "LEFT JOIN batch_job_execution e ON e.job_execution_id = x.job_execution_id ";

	private static final String SELECT = "SELECT r.*, x.job_execution_id, x.node " + LATEST_EXECUTION;

	private static final String SELECT_COUNT = "SELECT COUNT(*) " + LATEST_EXECUTION;

	private final JdbcClient jdbc;

	ReportRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** @param scope the customers a scoped report covers; ignored for an account-wide one */
	public void insert(Report report, Set<String> scope) {
		this.jdbc
			.sql("INSERT INTO billing_report (id, account_id, name, start_date, end_date, period_start, period_end, "
					+ "include_customer_ids, email_address_to_notify, webhook_url, created_by, created_by_user_id, "
					+ "scope_customer_id, nightly_date, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(report.id(), report.accountId(), report.name(), report.startDate(), report.endDate(),
					utc(report.period().start()), utc(report.period().end()), report.includeCustomerIds(),
					report.emailAddressToNotify(), report.webhookUrl(), report.createdBy(), report.createdByUserId(),
					report.scopeCustomerId(), report.nightlyDate(), utc(report.createdAt()))
			.update();
		if (report.isScoped()) {
			for (String customerId : scope) {
				this.jdbc.sql("INSERT INTO report_customer_scope (report_id, customer_id) VALUES (?, ?)")
					.params(report.id(), customerId)
					.update();
			}
		}
	}

	@Override
	public ReportToBill toBill(String reportId) {
		Report report = find(reportId)
			.orElseThrow(() -> new IllegalStateException("report " + reportId + " no longer exists"));
		return new ReportToBill(report.id(), report.accountId(), report.startDate(), report.endDate(), report.period(),
				report.includeCustomerIds(), report.isScoped() ? scope(reportId) : null);
	}

	/** The customers a scoped report covers, as fixed when it was requested. */
	Set<String> scope(String reportId) {
		return new HashSet<>(this.jdbc.sql("SELECT customer_id FROM report_customer_scope WHERE report_id = ?")
			.param(reportId)
			.query(String.class)
			.list());
	}

	/** The latest day of the account's nightly runs that completed, if any. */
	public Optional<LocalDate> lastCompletedNightly(String accountId) {
		return this.jdbc
			.sql("SELECT MAX(r.nightly_date) " + LATEST_EXECUTION
					+ "WHERE r.account_id = ? AND r.nightly_date IS NOT NULL AND e.status = 'COMPLETED'")
			.param(accountId)
			.query((rs, row) -> Optional.ofNullable(rs.getObject(1, LocalDate.class)))
			.single();
	}

	/** Reports accepted before {@code before}, oldest first. */
	public List<Report> createdBefore(Instant before, int limit) {
		return this.jdbc.sql(SELECT + "WHERE r.created_at < ? ORDER BY r.created_at LIMIT ?")
			.params(utc(before), limit)
			.query(ReportRepository::row)
			.list()
			.stream()
			.map(ReportRow::report)
			.toList();
	}

	/** Locks the account's row until the transaction ends, so that admissions of its reports take turns. */
	void lockAccount(String accountId) {
		this.jdbc.sql("SELECT id FROM account WHERE id = ? FOR UPDATE").param(accountId).query(String.class).list();
	}

	/**
	 * Reports of the account that are queued or running, or were accepted so recently that their job
	 * may not have been created yet.
	 */
	int active(String accountId, Instant acceptedSince) {
		return this.jdbc
			.sql(SELECT_COUNT + "WHERE r.account_id = ? AND (e.status IN ('STARTING', 'STARTED', 'STOPPING') "
					+ "OR (x.job_execution_id IS NULL AND r.created_at >= ?))")
			.params(accountId, utc(acceptedSince))
			.query(Integer.class)
			.single();
	}

	void delete(String reportId) {
		this.jdbc.sql("DELETE FROM billing_report WHERE id = ?").param(reportId).update();
	}

	/** The node that runs (or ran) the job execution of a report. */
	public Optional<String> nodeOf(long jobExecutionId) {
		return this.jdbc.sql("SELECT node FROM report_execution WHERE job_execution_id = ?")
			.param(jobExecutionId)
			.query(String.class)
			.optional();
	}

	public void recordExecution(String reportId, long jobExecutionId, String node) {
		this.jdbc.sql("INSERT INTO report_execution (job_execution_id, report_id, node) VALUES (?, ?, ?)")
			.params(jobExecutionId, reportId, node)
			.update();
	}

	public Optional<Report> find(String id) {
		return findRow(id).map(ReportRow::report);
	}

	public Optional<ReportRow> findRow(String id) {
		return this.jdbc.sql(SELECT + "WHERE r.id = ?").param(id).query(ReportRepository::row).optional();
	}

	/**
	 * Reports by the query's filters and order.
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
		return this.jdbc.sql(SELECT + where + "ORDER BY " + query.sort().orderBy + " LIMIT ? OFFSET ?")
			.params(params)
			.query(ReportRepository::row)
			.list();
	}

	/**
	 * Reports with a notification that is retrying (pending after a failed attempt) or that gave up,
	 * newest first.
	 */
	List<ReportRow> withTroubledNotifications(String accountId, String createdByUserId, int limit) {
		return this.jdbc.sql(SELECT + "WHERE EXISTS (SELECT 1 FROM notification n WHERE n.report_id = r.id "
				+ "AND (n.status = 'failed' OR (n.status = 'pending' AND n.attempts > 0))) "
				+ "AND (CAST(? AS VARCHAR(64)) IS NULL OR r.account_id = ?) "
				+ "AND (CAST(? AS VARCHAR(36)) IS NULL OR r.created_by_user_id = ?) "
				+ "ORDER BY r.created_at DESC, r.id DESC LIMIT ?")
			.params(accountId, accountId, createdByUserId, createdByUserId, limit)
			.query(ReportRepository::row)
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

	private static ReportRow row(ResultSet rs, int rowNumber) throws SQLException {
		Report report = new Report(rs.getString("id"), rs.getString("account_id"), rs.getString("name"),
				rs.getString("start_date"), rs.getString("end_date"),
				new BillingPeriod(instant(rs, "period_start"), instant(rs, "period_end")),
				rs.getBoolean("include_customer_ids"), rs.getString("email_address_to_notify"),
				rs.getString("webhook_url"), rs.getString("created_by"), rs.getString("created_by_user_id"),
				rs.getString("scope_customer_id"), rs.getObject("nightly_date", LocalDate.class),
				instant(rs, "created_at"));
		long executionId = rs.getLong("job_execution_id");
		return new ReportRow(report, rs.wasNull() ? null : executionId, rs.getString("node"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
