package org.billingreports.report;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import org.billingreports.batch.ExecutionStatus;
import org.billingreports.billingjob.BillingJob;
import org.billingreports.billingjob.BillingJobListener;
import org.billingreports.changes.InputChanges;
import org.billingreports.kernel.ReportVersion;
import org.billingreports.kernel.ServiceProperties;
import org.billingreports.notifications.Notification;
import org.billingreports.notifications.NotificationDispatcher;
import org.billingreports.notifications.NotificationProperties;
import org.billingreports.notifications.NotificationRepository;
import org.billingreports.statement.Audience;
import org.billingreports.statement.ReportData;
import org.billingreports.statement.ReportDataReader;

/**
 * A report's notifications ({@code api.md}, Notifications). When its job ends they are recorded in the outbox, in one
 * transaction with the job's final state; should the process stop between the two, they are recorded
 * at the next start (and every minute) from the job repository, which knows which executions ended.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class ReportNotifications implements BillingJobListener {

	private static final Logger log = LoggerFactory.getLogger(ReportNotifications.class);

	static final String COMPLETED = "report.completed";

	static final String FAILED = "report.failed";

	/** A completed version that no longer tells the truth: sent once per kind of reason a version gets. */
	static final String OUT_OF_DATE = "report.outOfDate";

	/** An execution that ended this recently may still be recording its own notifications. */
	private static final Duration SETTLING = Duration.ofMinutes(1);

	private final ReportRepository reports;

	private final ReportInfos reportInfos;

	private final ReportDataReader reportData;

	private final NotificationRepository notifications;

	private final NotificationDispatcher dispatcher;

	private final JobRepository jobRepository;

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	private final JsonMapper jsonMapper;

	private final Duration giveUpAfter;

	private final boolean background;

	private final Clock clock;

	private final InputChanges changes;

	private final ReportVersions versions;

	ReportNotifications(ReportRepository reports, ReportInfos reportInfos, ReportDataReader reportData,
			NotificationRepository notifications, NotificationDispatcher dispatcher, JobRepository jobRepository,
			JdbcClient jdbc, TransactionTemplate transaction, JsonMapper jsonMapper, NotificationProperties properties,
			ServiceProperties service, Clock clock, InputChanges changes, ReportVersions versions) {
		this.changes = changes;
		this.versions = versions;
		this.reports = reports;
		this.reportInfos = reportInfos;
		this.reportData = reportData;
		this.notifications = notifications;
		this.dispatcher = dispatcher;
		this.jobRepository = jobRepository;
		this.jdbc = jdbc;
		this.transaction = transaction;
		this.jsonMapper = jsonMapper;
		this.giveUpAfter = properties.giveUpAfter();
		this.background = service.background();
		this.clock = clock;
	}

	@Override
	public void afterJob(JobExecution execution) {
		ReportVersion run = BillingJob.runOf(execution.getJobParameters());
		this.transaction.executeWithoutResult(status -> {
			// The job's final state (with the readable failure reason) and its notifications, together; and for
			// a version that completed, that what changed while it ran is to be looked at for it.
			this.jobRepository.update(execution);
			record(run, execution.getId());
			if (execution.getStatus() == BatchStatus.COMPLETED) {
				this.reports.find(run.reportId())
					.ifPresent(report -> this.changes.versionCompleted(report.accountId(), run));
			}
		});
		this.dispatcher.wakeUp();
	}

	@EventListener(ApplicationReadyEvent.class)
	void recordMissingAtStartup() {
		if (this.background) {
			recordMissing();
		}
	}

	@Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1M")
	void recordMissing() {
		Instant now = this.clock.instant();
		List<Ended> missing = endedWithoutNotifications(now.minus(this.giveUpAfter), now.minus(SETTLING));
		for (Ended execution : missing) {
			log.warn("Report {} execution {} ended without its notifications being recorded; recording them now",
					execution.run(), execution.jobExecutionId());
			this.transaction.executeWithoutResult(status -> record(execution.run(), execution.jobExecutionId()));
		}
		if (!missing.isEmpty()) {
			this.dispatcher.wakeUp();
		}
	}

	private void record(ReportVersion run, long jobExecutionId) {
		Report report = this.reports.find(run.reportId()).orElse(null);
		if (report == null || (report.emailAddressToNotify() == null && report.webhookUrl() == null)) {
			return;
		}
		ReportInfo info = this.reportInfos.of(run);
		boolean completed = info.status() == ExecutionStatus.Completed;
		// A customer's report tells its targets what the customer is charged, not what the carrier cost.
		ReportData data = completed ? this.reportData
			.read(run, report.isScoped() ? Audience.CUSTOMER : Audience.PROVIDER)
			.orElse(null) : null;
		List<OutOfDateReason> madeBecause = this.versions.madeBecause(run);
		String payload = this.jsonMapper.writeValueAsString(
				new NotificationPayload(info, data, null, madeBecause.isEmpty() ? null : madeBecause));
		insert(report, run, jobExecutionId, completed ? COMPLETED : FAILED, "", payload);
	}

	/** The report's notification of an event of one of its versions, on each channel it has; never twice. */
	void insert(Report report, ReportVersion run, long jobExecutionId, String event, String eventKey, String payload) {
		Instant now = this.clock.instant();
		if (report.emailAddressToNotify() != null) {
			this.notifications.insertIfAbsent(Notification.pending(report.id(), run.version(), jobExecutionId,
					Notification.Channel.email, report.emailAddressToNotify(), event, eventKey, payload, now));
		}
		if (report.webhookUrl() != null) {
			this.notifications.insertIfAbsent(Notification.pending(report.id(), run.version(), jobExecutionId,
					Notification.Channel.webhook, report.webhookUrl(), event, eventKey, payload, now));
		}
	}

	/** An ended execution of a report version that wants a notification and has none. */
	private record Ended(ReportVersion run, long jobExecutionId) {
	}

	/**
	 * Report executions that ended between {@code from} and {@code to} and want a notification on a
	 * channel that was never recorded: the process stopped between the job's end and its recording.
	 */
	private List<Ended> endedWithoutNotifications(Instant from, Instant to) {
		return this.jdbc
			.sql("SELECT DISTINCT x.report_id, x.version, x.job_execution_id FROM report_execution x "
					+ "JOIN billing_report r ON r.id = x.report_id "
					+ "JOIN batch_job_execution e ON e.job_execution_id = x.job_execution_id "
					+ "WHERE e.end_time IS NOT NULL AND e.status IN ('COMPLETED', 'FAILED', 'STOPPED', 'ABANDONED') "
					+ "AND e.end_time >= ? AND e.end_time < ? AND ("
					+ "(r.email_address_to_notify IS NOT NULL AND NOT EXISTS (SELECT 1 FROM notification n "
					+ "WHERE n.job_execution_id = x.job_execution_id AND n.channel = 'email' AND n.event_key = '')) OR "
					+ "(r.webhook_url IS NOT NULL AND NOT EXISTS (SELECT 1 FROM notification n "
					+ "WHERE n.job_execution_id = x.job_execution_id AND n.channel = 'webhook' AND n.event_key = '')))")
			.params(local(from), local(to))
			.query((rs, row) -> new Ended(new ReportVersion(rs.getString("report_id"), rs.getInt("version")),
					rs.getLong("job_execution_id")))
			.list();
	}

	/** Spring Batch keeps its times as local date-times of the JVM's zone. */
	private static LocalDateTime local(Instant instant) {
		return LocalDateTime.ofInstant(instant, ZoneId.systemDefault());
	}

}
