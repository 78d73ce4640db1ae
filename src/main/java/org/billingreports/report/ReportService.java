package org.billingreports.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import org.billingreports.accounts.Account;
import org.billingreports.accounts.AccountAccess;
import org.billingreports.batch.ExecutionStatus;
import org.billingreports.notifications.NotificationStatus;
import org.billingreports.notifications.WebhookAddressPolicy;
import org.billingreports.rating.BillingPeriod;
import org.billingreports.security.Caller;
import org.billingreports.security.Role;
import org.billingreports.web.ApiException;
import org.billingreports.web.FieldErrors;

/** Creates reports, launches their jobs, and shows them as {@link ReportInfo}. */
@Service
public class ReportService {

	private final AccountAccess accounts;

	private final ReportRepository reports;

	private final ReportLauncher launcher;

	private final ReportInfos infos;

	private final JobRepository jobRepository;

	private final ReportFiles files;

	private final NotificationStatus notifications;

	private final WebhookAddressPolicy webhookAddresses;

	ReportService(AccountAccess accounts, ReportRepository reports, ReportLauncher launcher, ReportInfos infos,
			JobRepository jobRepository, ReportFiles files, NotificationStatus notifications,
			WebhookAddressPolicy webhookAddresses) {
		this.accounts = accounts;
		this.reports = reports;
		this.launcher = launcher;
		this.infos = infos;
		this.jobRepository = jobRepository;
		this.files = files;
		this.notifications = notifications;
		this.webhookAddresses = webhookAddresses;
	}

	/** Validates, stores and launches; the answer is {@code Queued} (or further along already). */
	public ReportInfo create(BillingReportRequest request, Caller caller) throws Exception {
		Account account = this.accounts.actionable(request.accountId(), "accountId", caller);
		if (caller.role() == Role.Customer) {
			throw ApiException.forbidden("Reports limited to a customer's own lines are not available yet");
		}
		BillingPeriod period = period(request, account.zone());
		String webhookProblem = (request.webhook() != null) ? this.webhookAddresses.problem(request.webhook(), true)
				: null;
		if (webhookProblem != null) {
			throw ApiException.invalidField("webhookUrl", "NotAllowed", "webhookUrl " + webhookProblem);
		}
		Report report = new Report(UUID.randomUUID().toString(), account.id(),
				"Billing " + account.name() + " " + request.startDate().strip() + " to " + request.endDate().strip(),
				request.startDate().strip(), request.endDate().strip(), period, request.includesCustomerIds(),
				request.email(), request.webhook(), caller.getUsername(), Instant.now());
		this.reports.insert(report);
		this.launcher.launch(report.id());
		return get(report.id(), caller);
	}

	/** One report, with the state of its notifications. */
	public ReportInfo get(String id, Caller caller) {
		ReportRepository.ReportRow row = visibleRow(id, caller);
		return this.infos.of(row).withNotifications(this.notifications.of(id));
	}

	/** A report in {@code Error} runs again from where its last execution stopped; 409 otherwise. */
	public ReportInfo restart(String id, Caller caller) throws Exception {
		ReportRepository.ReportRow row = visibleRow(id, caller);
		caller.requireManagerOf(row.report().accountId());
		ExecutionStatus status = this.infos.of(row).status();
		if (status != ExecutionStatus.Error) {
			throw ApiException.conflict("NotRestartable",
					"Report '" + id + "' is " + status + "; only a report in Error can be restarted");
		}
		JobExecution last = (row.jobExecutionId() != null)
				? this.jobRepository.getJobExecution(row.jobExecutionId()) : null;
		this.launcher.restart(id, last);
		return get(id, caller);
	}

	private ReportRepository.ReportRow visibleRow(String id, Caller caller) {
		ReportRepository.ReportRow row = this.reports.findRow(id)
			.orElseThrow(() -> ApiException.notFound("Report", id));
		caller.requireVisible(row.report().accountId(), "Report", id);
		return row;
	}

	public List<ReportInfo> list(String accountId, ExecutionStatus status, int skip, int take, Caller caller) {
		String scope = accountId;
		if (accountId != null) {
			this.accounts.readable(accountId, caller);
		}
		else if (!caller.isAdministrator()) {
			scope = caller.accountId();
		}
		return this.reports.list(scope, status, skip, take).stream().map(this.infos::of).toList();
	}

	/** The billing file of a completed report. */
	public Path file(String id, Caller caller) {
		ReportInfo info = get(id, caller);
		if (info.status() != ExecutionStatus.Completed) {
			throw ApiException.conflict("NotCompleted",
					"Report '" + id + "' is " + info.status() + "; its file exists once it is Completed");
		}
		Path file = this.files.file(id);
		if (!Files.isRegularFile(file)) {
			throw new ApiException(HttpStatus.NOT_FOUND, "FileMissing", "The billing file of report '" + id
					+ "' is missing from the reports folder; restore it from a backup");
		}
		return file;
	}

	private static BillingPeriod period(BillingReportRequest request, ZoneId zone) {
		BillingPeriod period = new BillingPeriod(BillingPeriod.startOf(request.startDate(), zone),
				BillingPeriod.endOf(request.endDate(), zone));
		FieldErrors errors = new FieldErrors();
		if (period.endsBeforeItStarts(request.endDate())) {
			errors.add("endDate", "GreaterThanOrEqual", "endDate must not be before startDate");
		}
		else if (period.exceedsMaxDays(zone)) {
			errors.add("endDate", "InclusiveBetween",
					"the period is longer than " + BillingPeriod.MAX_DAYS + " days; split it into several reports");
		}
		errors.throwIfAny();
		return period;
	}


}
