package org.billingreports.notifications;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import org.billingreports.accounts.AccountRepository;
import org.billingreports.batch.ExecutionStatus;
import org.billingreports.billingjob.ReportData;
import org.billingreports.billingjob.ReportDataReader;
import org.billingreports.report.Report;
import org.billingreports.report.ReportInfo;
import org.billingreports.report.ReportLauncher;
import org.billingreports.report.ReportRepository;
import org.billingreports.report.ReportInfos;
import org.billingreports.kernel.ServiceProperties;

/**
 * Records a report's notifications in the outbox when its job ends, in one transaction with the
 * job's final state. Should the process stop between the two, the notifications are recorded at the
 * next start (and every minute) from the job repository, which knows which executions ended.
 */
@Component
public class NotificationRecorder implements JobExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(NotificationRecorder.class);

	/** An execution that ended this recently may still be recording its own notifications. */
	private static final Duration SETTLING = Duration.ofMinutes(1);

	private final ReportRepository reports;

	private final ReportInfos reportInfos;

	private final ReportDataReader reportData;

	private final AccountRepository accounts;

	private final NotificationRepository notifications;

	private final NotificationDispatcher dispatcher;

	private final JobRepository jobRepository;

	private final TransactionTemplate transaction;

	private final JsonMapper jsonMapper;

	private final Duration giveUpAfter;

	private final boolean background;

	private final Clock clock;

	NotificationRecorder(ReportRepository reports, ReportInfos reportInfos, ReportDataReader reportData,
			AccountRepository accounts, NotificationRepository notifications, NotificationDispatcher dispatcher,
			JobRepository jobRepository, TransactionTemplate transaction, JsonMapper jsonMapper,
			NotificationProperties properties, ServiceProperties service, Clock clock) {
		this.reports = reports;
		this.reportInfos = reportInfos;
		this.reportData = reportData;
		this.accounts = accounts;
		this.notifications = notifications;
		this.dispatcher = dispatcher;
		this.jobRepository = jobRepository;
		this.transaction = transaction;
		this.jsonMapper = jsonMapper;
		this.giveUpAfter = properties.giveUpAfter();
		this.background = service.background();
		this.clock = clock;
	}

	@Override
	public void afterJob(JobExecution execution) {
		String reportId = execution.getJobParameters().getString(ReportLauncher.REPORT_ID);
		this.transaction.executeWithoutResult(status -> {
			// The job's final state (with the readable failure reason) and its notifications, together.
			this.jobRepository.update(execution);
			record(reportId, execution.getId());
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
		List<NotificationRepository.Missing> missing = new ArrayList<>();
		for (Notification.Channel channel : Notification.Channel.values()) {
			missing.addAll(this.notifications.missing(channel, now.minus(this.giveUpAfter), now.minus(SETTLING)));
		}
		for (NotificationRepository.Missing execution : missing) {
			log.warn("Report {} execution {} ended without its notifications being recorded; recording them now",
					execution.reportId(), execution.jobExecutionId());
			this.transaction.executeWithoutResult(status -> record(execution.reportId(), execution.jobExecutionId()));
		}
		if (!missing.isEmpty()) {
			this.dispatcher.wakeUp();
		}
	}

	private void record(String reportId, long jobExecutionId) {
		Report report = this.reports.find(reportId).orElse(null);
		if (report == null || (report.emailAddressToNotify() == null && report.webhookUrl() == null)) {
			return;
		}
		ReportInfo info = this.reportInfos.of(reportId);
		boolean completed = info.status() == ExecutionStatus.Completed;
		ReportData data = completed
				? this.reportData.read(reportId, this.accounts.find(report.accountId()).orElseThrow().currency())
				: null;
		String payload = this.jsonMapper.writeValueAsString(new NotificationPayload(info, data));
		String event = completed ? Notification.COMPLETED : Notification.FAILED;
		Instant now = this.clock.instant();
		if (report.emailAddressToNotify() != null) {
			this.notifications.insertIfAbsent(new Notification(UUID.randomUUID().toString(), reportId, jobExecutionId,
					Notification.Channel.email, report.emailAddressToNotify(), event, payload,
					Notification.Status.pending, 0, null, now, now, null));
		}
		if (report.webhookUrl() != null) {
			this.notifications.insertIfAbsent(new Notification(UUID.randomUUID().toString(), reportId, jobExecutionId,
					Notification.Channel.webhook, report.webhookUrl(), event, payload, Notification.Status.pending,
					0, null, now, now, null));
		}
	}

}
