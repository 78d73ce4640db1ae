package org.billingreports.report;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Service;

import org.billingreports.accounts.Account;
import org.billingreports.accounts.AccountAccess;
import org.billingreports.accounts.CustomerScope;
import org.billingreports.batch.ExecutionStatus;
import org.billingreports.notifications.NotificationStatus;
import org.billingreports.notifications.WebhookAddressPolicy;
import org.billingreports.rating.BillingPeriod;
import org.billingreports.ratedecks.ReportDecks;
import org.billingreports.security.Caller;
import org.billingreports.security.RequestQuotas;
import org.billingreports.kernel.ApiException;
import org.billingreports.kernel.FieldErrors;
import org.billingreports.kernel.ReportVersion;

/** Creates reports, launches their jobs, restarts and reruns them, and shows them as {@link ReportInfo}. */
@Service
public class ReportService {

	/** Who started a version the service made by itself. */
	public static final String AUTOMATIC_RERUN = "automaticRerun";

	private final AccountAccess accounts;

	private final ReportRepository reports;

	private final ReportAccess access;

	private final ReportLauncher launcher;

	private final ReportInfos infos;

	private final JobRepository jobRepository;

	private final NotificationStatus notifications;

	private final WebhookAddressPolicy webhookAddresses;

	private final CustomerScope customerScope;

	private final ReportAdmission admission;

	private final int maxReportDays;

	private final ReportDecks decks;

	private final ReportVersions versions;

	private final RequestQuotas quotas;

	ReportService(AccountAccess accounts, ReportRepository reports, ReportAccess access, ReportLauncher launcher,
			ReportInfos infos, JobRepository jobRepository, NotificationStatus notifications,
			WebhookAddressPolicy webhookAddresses, CustomerScope customerScope, ReportAdmission admission,
			ReportLimits limits, ReportDecks decks, ReportVersions versions, RequestQuotas quotas) {
		this.quotas = quotas;
		this.versions = versions;
		this.maxReportDays = limits.maxReportDays();
		this.decks = decks;
		this.accounts = accounts;
		this.reports = reports;
		this.access = access;
		this.launcher = launcher;
		this.infos = infos;
		this.jobRepository = jobRepository;
		this.notifications = notifications;
		this.webhookAddresses = webhookAddresses;
		this.customerScope = customerScope;
		this.admission = admission;
	}

	/**
	 * Validates, stores and launches; the answer is {@code Queued} (or further along already). A repeat
	 * of an {@code Idempotency-Key} with the same request answers the first report.
	 */
	public ReportInfo create(BillingReportRequest request, String idempotencyKey, Caller caller) throws Exception {
		this.quotas.spend(caller, RequestQuotas.Kind.launches);
		Account account = this.accounts.actionable(request.accountId(), "accountId", caller);
		BillingPeriod period = period(request, account.zone(), this.maxReportDays);
		String webhookProblem = (request.webhook() != null) ? this.webhookAddresses.problem(request.webhook(), true)
				: null;
		if (webhookProblem != null) {
			throw ApiException.invalidField("webhookUrl", "NotAllowed", "webhookUrl " + webhookProblem);
		}
		// A Customer user's report covers its own customer and that customer's descendants only.
		Set<String> scope = this.customerScope.visible(caller, account.id());
		Report report = new Report(UUID.randomUUID().toString(), account.id(),
				"Billing " + account.name() + " " + request.startDate().strip() + " to " + request.endDate().strip(),
				request.startDate().strip(), request.endDate().strip(), period, request.includesCustomerIds(),
				request.email(), request.webhook(), caller.getUsername(), caller.userId(),
				caller.isCustomer() ? caller.customerId() : null, null, Instant.now());
		ReportAdmission.Idempotency idempotency = (idempotencyKey != null)
				? new ReportAdmission.Idempotency(caller.userId(), idempotencyKey(idempotencyKey), request.hash())
				: null;
		Optional<String> earlier = this.admission.admit(report, scope, idempotency);
		if (earlier.isPresent()) {
			return get(earlier.get(), caller);
		}
		this.launcher.launch(ReportVersion.first(report.id()));
		return get(report.id(), caller);
	}

	/** One report, with the state of its notifications. */
	public ReportInfo get(String id, Caller caller) {
		return get(id, null, caller);
	}

	/**
	 * One report as one of its versions shows it ({@code null}: the newest completed, else the newest),
	 * with the state of its notifications.
	 */
	public ReportInfo get(String id, Integer version, Caller caller) {
		ReportRepository.ReportRow row = this.access.visible(id, version, caller);
		List<ReportDecks.UsedDeck> decks = this.decks.used(row.run());
		return this.infos.of(row)
			.withDetails(this.notifications.of(id), (caller.isCustomer() || decks.isEmpty()) ? null : decks);
	}

	/**
	 * A new version of the report, rated from the call records, prices and customer tree as they are now,
	 * with the report's own request (a Customer's report keeps the customers it covered); 409 while a
	 * version is queued or running.
	 */
	public ReportInfo rerun(String id, Caller caller) throws Exception {
		this.quotas.spend(caller, RequestQuotas.Kind.launches);
		ReportRepository.ReportRow row = this.access.actionable(id, caller, "rerun");
		ReportVersion next = this.admission.admitVersion(row, caller.getUsername(), this.versions.reasonsOf(row.run()),
				null);
		this.launcher.launch(next);
		return get(id, next.version(), caller);
	}

	/**
	 * A new version of a report, made by the service itself (a nightly report whose calls changed), on
	 * the same terms as {@link #rerun}: never while a version of it runs, so that however many nodes
	 * decide at once, one makes it.
	 * @param outOfDate the version found out of date: nothing is made once a newer one exists
	 * @return the new version, or empty when another request or node made one, or the report is gone
	 */
	public Optional<ReportVersion> rerunAutomatically(ReportVersion outOfDate) throws Exception {
		ReportRepository.ReportRow row = this.reports.findRow(outOfDate.reportId()).orElse(null);
		if (row == null || row.newest().version() != outOfDate.version()) {
			return Optional.empty();
		}
		ReportVersion next;
		try {
			next = this.admission.admitVersion(row, AUTOMATIC_RERUN, this.versions.reasonsOf(outOfDate),
					outOfDate.version());
		}
		catch (ApiException refused) {
			if (refused.status() == org.springframework.http.HttpStatus.CONFLICT) {
				return Optional.empty();
			}
			throw refused;
		}
		this.launcher.launch(next);
		return Optional.of(next);
	}

	/** The report's versions, oldest first. */
	public ReportVersions.ReportVersionListing versions(String id, Caller caller) {
		return this.versions.of(this.access.visible(id, caller));
	}

	/** Reports the caller may see whose notifications are retrying or gave up, with those notifications. */
	public List<ReportInfo> withTroubledNotifications(Caller caller, int limit) {
		return this.reports
			.withTroubledNotifications(caller.isAdministrator() ? null : caller.accountId(),
					caller.isCustomer() ? caller.userId() : null, limit)
			.stream()
			.map(row -> this.infos.of(row).withDetails(this.notifications.of(row.report().id()), null))
			.toList();
	}

	/**
	 * Every execution of the report's job instances, of every version, newest first (none before its
	 * launch), for the console.
	 */
	public List<JobExecution> executions(String id, Caller caller) {
		ReportRepository.ReportRow row = this.access.visible(id, caller);
		return this.reports.executionIds(row.report().id())
			.stream()
			.map(this.jobRepository::getJobExecution)
			.filter(java.util.Objects::nonNull)
			.sorted(Comparator.comparing(JobExecution::getId).reversed())
			.toList();
	}

	/**
	 * The report's newest version, in {@code Error}, runs again from where its last execution stopped (the
	 * same version: a restart never makes a new one); 409 otherwise.
	 */
	public ReportInfo restart(String id, Caller caller) throws Exception {
		ReportRepository.ReportRow row = newest(this.access.actionable(id, caller, "restart"));
		ExecutionStatus status = this.infos.of(row).status();
		if (status != ExecutionStatus.Error) {
			throw ApiException.conflict("NotRestartable", "Report '" + id + "' is " + status
					+ ((row.versions() > 1) ? " (version " + row.shown().version() + ")" : "")
					+ "; only a report in Error can be restarted");
		}
		JobExecution last = (row.jobExecutionId() != null)
				? this.jobRepository.getJobExecution(row.jobExecutionId()) : null;
		this.launcher.restart(row.run(), last);
		return get(id, row.shown().version(), caller);
	}

	/** The report shown by its newest version: the one restart and stop act on. */
	private ReportRepository.ReportRow newest(ReportRepository.ReportRow row) {
		return (row.newest().version() == row.shown().version()) ? row
				: this.access.version(row, row.newest().version());
	}

	/**
	 * A queued or running report (its newest version) stops at its next chunk boundary, on whichever node
	 * runs it, and ends in {@code Error}, restartable; 409 when it is not running.
	 */
	public ReportInfo stop(String id, Caller caller) {
		ReportRepository.ReportRow row = newest(this.access.actionable(id, caller, "stop"));
		JobExecution last = (row.jobExecutionId() != null)
				? this.jobRepository.getJobExecution(row.jobExecutionId()) : null;
		if (last == null || !last.isRunning()) {
			throw ApiException.conflict("NotRunning", "Report '" + id + "' is not running; only a queued or "
					+ "running report can be stopped");
		}
		this.launcher.stop(last);
		return get(id, row.shown().version(), caller);
	}

	/**
	 * One more attempt, now, at a notification of the report that gave up; 404 for one the report does
	 * not have, 409 for one delivered or still trying.
	 */
	public ReportInfo resendNotification(String id, String notificationId, Caller caller) {
		this.access.actionable(id, caller, "re-send notifications of");
		boolean requeued;
		try {
			requeued = this.notifications.resend(id, notificationId);
		}
		catch (NoSuchElementException ex) {
			throw ApiException.notFound("Notification", notificationId);
		}
		if (!requeued) {
			throw ApiException.conflict("NotFailed", "Notification '" + notificationId
					+ "' was delivered or is still being tried; only one that gave up is sent again");
		}
		return get(id, caller);
	}

	/** Whether the caller may restart, stop or delete the report (which it can see). */
	public boolean mayAct(String id, Caller caller) {
		try {
			this.access.actionable(id, caller, "act on");
			return true;
		}
		catch (ApiException refused) {
			return false;
		}
	}

	/** Reports the caller may see: every report (SystemAdministrator), its account's, or its own (Customer). */
	public List<ReportInfo> list(ReportQuery query, Caller caller) {
		ReportQuery scoped = query;
		if (query.accountId() != null) {
			this.accounts.readable(query.accountId(), caller);
		}
		else if (!caller.isAdministrator()) {
			scoped = query.inAccount(caller.accountId());
		}
		return this.reports.list(scoped, caller.isCustomer() ? caller.userId() : null)
			.stream()
			.map(this.infos::of)
			.toList();
	}

	private static String idempotencyKey(String key) {
		String stripped = key.strip();
		if (stripped.isEmpty() || stripped.length() > 255 || !stripped.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
			throw ApiException.badRequest("InvalidIdempotencyKey",
					"Idempotency-Key is 1 to 255 printable ASCII characters, such as a UUID");
		}
		return stripped;
	}

	private static BillingPeriod period(BillingReportRequest request, ZoneId zone, int maxDays) {
		BillingPeriod period = new BillingPeriod(BillingPeriod.startOf(request.startDate(), zone),
				BillingPeriod.endOf(request.endDate(), zone));
		FieldErrors errors = new FieldErrors();
		if (period.endsBeforeItStarts(request.endDate())) {
			errors.add("endDate", "GreaterThanOrEqual", "endDate must not be before startDate");
		}
		else if (period.exceedsDays(zone, maxDays)) {
			errors.add("endDate", "InclusiveBetween",
					"the period is longer than " + maxDays + " days; split it into several reports");
		}
		errors.throwIfAny();
		return period;
	}

}
