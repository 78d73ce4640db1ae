package org.billingreports.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import org.billingreports.accounts.Account;
import org.billingreports.accounts.AccountAccess;
import org.billingreports.batch.ExecutionStatus;
import org.billingreports.billingjob.BillingJobProgress;
import org.billingreports.billingjob.ReportSummary;
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

	private final JobRepository jobRepository;

	private final ReportFiles files;

	private final Links links;

	ReportService(AccountAccess accounts, ReportRepository reports, ReportLauncher launcher,
			JobRepository jobRepository, ReportFiles files, Links links) {
		this.accounts = accounts;
		this.reports = reports;
		this.launcher = launcher;
		this.jobRepository = jobRepository;
		this.files = files;
		this.links = links;
	}

	/** Validates, stores and launches; the answer is {@code Queued} (or further along already). */
	public ReportInfo create(BillingReportRequest request, Caller caller) throws Exception {
		Account account = this.accounts.actionable(request.accountId(), "accountId", caller);
		if (caller.role() == Role.Customer) {
			throw ApiException.forbidden("Reports limited to a customer's own lines are not available yet");
		}
		BillingPeriod period = period(request, account.zone());
		Report report = new Report(UUID.randomUUID().toString(), account.id(),
				"Billing " + account.name() + " " + request.startDate().strip() + " to " + request.endDate().strip(),
				request.startDate().strip(), request.endDate().strip(), period, request.includesCustomerIds(),
				request.email(), request.webhook(), caller.getUsername(), Instant.now());
		this.reports.insert(report);
		this.launcher.launch(report.id());
		return get(report.id(), caller);
	}

	public ReportInfo get(String id, Caller caller) {
		ReportRepository.ReportRow row = this.reports.findRow(id)
			.orElseThrow(() -> ApiException.notFound("Report", id));
		caller.requireVisible(row.report().accountId(), "Report", id);
		return info(row);
	}

	public List<ReportInfo> list(String accountId, ExecutionStatus status, int skip, int take, Caller caller) {
		String scope = accountId;
		if (accountId != null) {
			this.accounts.readable(accountId, caller);
		}
		else if (!caller.isAdministrator()) {
			scope = caller.accountId();
		}
		return this.reports.list(scope, status, skip, take).stream().map(this::info).toList();
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

	private ReportInfo info(ReportRepository.ReportRow row) {
		Report report = row.report();
		JobExecution execution = (row.jobExecutionId() != null)
				? this.jobRepository.getJobExecution(row.jobExecutionId()) : null;
		ExecutionStatus status = (execution != null) ? ExecutionStatus.of(execution.getStatus())
				: ExecutionStatus.Error;
		Instant updated = report.createdAt();
		if (execution != null && execution.getLastUpdated() != null) {
			Instant lastUpdated = execution.getLastUpdated().atZone(ZoneId.systemDefault()).toInstant();
			updated = lastUpdated.isAfter(updated) ? lastUpdated : updated;
		}
		return new ReportInfo(report.id(), report.name(), status, statusMessage(status, execution, row),
				iso(report.createdAt()), iso(updated),
				(status == ExecutionStatus.Completed) ? this.links.reportFile(report.id()) : null,
				(execution != null) ? String.valueOf(execution.getId()) : null, report.emailAddressToNotify(),
				row.node(), report.accountId(), report.startDate(), report.endDate(), report.includeCustomerIds());
	}

	private String statusMessage(ExecutionStatus status, JobExecution execution, ReportRepository.ReportRow row) {
		if (execution == null) {
			return "The report's job was never launched; restart the report";
		}
		return switch (status) {
			case Queued -> {
				int ahead = this.reports.queuedAhead(execution.getId(), row.node());
				yield "Queued on " + row.node() + ": "
						+ ((ahead == 0) ? "next to run" : "position " + (ahead + 1) + " in the queue");
			}
			case Running -> BillingJobProgress.describe(execution);
			case Completed -> {
				ReportSummary summary = ReportSummary.from(execution.getExecutionContext());
				yield (summary != null) ? summary.describe() : "Completed";
			}
			case Error -> {
				String description = execution.getExitStatus().getExitDescription();
				yield (description == null || description.isBlank()) ? "The report failed"
						: description.lines().findFirst().orElse(description);
			}
		};
	}

	/** ISO-8601 UTC to the second, as Evo writes dates: 2026-07-01T02:00:00Z. */
	private static String iso(Instant instant) {
		return instant.truncatedTo(ChronoUnit.SECONDS).toString();
	}

}
