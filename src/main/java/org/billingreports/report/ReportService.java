package org.billingreports.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import org.billingreports.billingjob.ReportFiles;
import org.billingreports.accounts.Account;
import org.billingreports.accounts.AccountAccess;
import org.billingreports.accounts.CustomerScope;
import org.billingreports.batch.ExecutionStatus;
import org.billingreports.billingjob.BillingWorkbooks;
import org.billingreports.notifications.NotificationStatus;
import org.billingreports.notifications.WebhookAddressPolicy;
import org.billingreports.operations.RunningJobs;
import org.billingreports.rating.BillingPeriod;
import org.billingreports.security.Caller;
import org.billingreports.kernel.ApiException;
import org.billingreports.kernel.FieldErrors;

/** Creates reports, launches their jobs, and shows them as {@link ReportInfo}. */
@Service
public class ReportService {

	static final Duration STOP_WAIT = Duration.ofSeconds(10);

	private final AccountAccess accounts;

	private final ReportRepository reports;

	private final ReportLauncher launcher;

	private final ReportInfos infos;

	private final JobRepository jobRepository;

	private final ReportFiles files;

	private final NotificationStatus notifications;

	private final WebhookAddressPolicy webhookAddresses;

	private final CustomerScope customerScope;

	private final ReportAdmission admission;

	private final DownloadTokens tokens;

	private final JobOperator jobOperator;

	private final ReportDeletion deletion;

	private final RunningJobs runningJobs;

	private final BillingWorkbooks workbooks;

	ReportService(AccountAccess accounts, ReportRepository reports, ReportLauncher launcher, ReportInfos infos,
			JobRepository jobRepository, ReportFiles files, NotificationStatus notifications,
			WebhookAddressPolicy webhookAddresses, CustomerScope customerScope, ReportAdmission admission,
			DownloadTokens tokens, JobOperator jobOperator, ReportDeletion deletion, RunningJobs runningJobs,
			BillingWorkbooks workbooks) {
		this.workbooks = workbooks;
		this.runningJobs = runningJobs;
		this.tokens = tokens;
		this.jobOperator = jobOperator;
		this.deletion = deletion;
		this.customerScope = customerScope;
		this.admission = admission;
		this.accounts = accounts;
		this.reports = reports;
		this.launcher = launcher;
		this.infos = infos;
		this.jobRepository = jobRepository;
		this.files = files;
		this.notifications = notifications;
		this.webhookAddresses = webhookAddresses;
	}

	/**
	 * Validates, stores and launches; the answer is {@code Queued} (or further along already). A repeat
	 * of an {@code Idempotency-Key} with the same request answers the first report.
	 */
	public ReportInfo create(BillingReportRequest request, String idempotencyKey, Caller caller) throws Exception {
		Account account = this.accounts.actionable(request.accountId(), "accountId", caller);
		BillingPeriod period = period(request, account.zone());
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
		ReportRepository.ReportRow row = this.reports.findRow(id)
			.orElseThrow(() -> ApiException.notFound("Report", id));
		if (!isVisible(row, caller)) {
			throw ApiException.forbidden("You may not restart report '" + id + "'");
		}
		if (!caller.isCustomer()) {
			caller.requireManagerOf(row.report().accountId());
		}
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

	/**
	 * Stops the report if it is running (at its next chunk boundary), then deletes it with its file,
	 * rows and job history. A report that does not stop within {@code STOP_WAIT} answers 409.
	 */
	public void delete(String id, Caller caller) throws InterruptedException {
		ReportRepository.ReportRow row = this.reports.findRow(id)
			.orElseThrow(() -> ApiException.notFound("Report", id));
		if (!isVisible(row, caller)) {
			throw ApiException.forbidden("You may not delete report '" + id + "'");
		}
		if (!caller.isCustomer()) {
			caller.requireManagerOf(row.report().accountId());
		}
		JobExecution execution = (row.jobExecutionId() != null)
				? this.jobRepository.getJobExecution(row.jobExecutionId()) : null;
		if (execution != null && execution.isRunning()) {
			try {
				this.jobOperator.stop(execution);
			}
			catch (JobExecutionNotRunningException alreadyEnded) {
				// It ended between the read and the stop: nothing to stop.
			}
			if (!ended(execution.getId(), STOP_WAIT)) {
				throw ApiException.conflict("Stopping", "Report '" + id
						+ "' is stopping at its next chunk boundary; delete it again in a moment");
			}
		}
		this.deletion.delete(id);
	}

	/**
	 * A stop is seen at the next chunk boundary, on whichever node runs the job. The job execution reads
	 * {@code STOPPED} at once (Spring Batch 6 marks it so when asked to stop); its step, and this node's
	 * own thread, say when the work has really ended.
	 */
	private boolean ended(long executionId, Duration wait) throws InterruptedException {
		long deadline = System.nanoTime() + wait.toNanos();
		while (System.nanoTime() < deadline) {
			JobExecution current = this.jobRepository.getJobExecution(executionId);
			if (current == null || (!current.isRunning() && !this.runningJobs.isRunning(executionId)
					&& current.getStepExecutions().stream().noneMatch(step -> step.getStatus().isRunning()))) {
				return true;
			}
			Thread.sleep(100);
		}
		return false;
	}

	/** A Customer user sees the reports it requested; anyone else the reports of the accounts it sees. */
	private ReportRepository.ReportRow visibleRow(String id, Caller caller) {
		return this.reports.findRow(id)
			.filter(row -> isVisible(row, caller))
			.orElseThrow(() -> ApiException.notFound("Report", id));
	}

	private static boolean isVisible(ReportRepository.ReportRow row, Caller caller) {
		return caller.canSeeAccount(row.report().accountId())
				&& (!caller.isCustomer() || caller.userId().equals(row.report().createdByUserId()));
	}

	private static String idempotencyKey(String key) {
		String stripped = key.strip();
		if (stripped.isEmpty() || stripped.length() > 255 || !stripped.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
			throw ApiException.badRequest("InvalidIdempotencyKey",
					"Idempotency-Key is 1 to 255 printable ASCII characters, such as a UUID");
		}
		return stripped;
	}

	/** Reports the caller may see: every report (SystemAdministrator), its account's, or its own (Customer). */
	public List<ReportInfo> list(String accountId, ExecutionStatus status, int skip, int take, Caller caller) {
		String scope = accountId;
		if (accountId != null) {
			this.accounts.readable(accountId, caller);
		}
		else if (!caller.isAdministrator()) {
			scope = caller.accountId();
		}
		return this.reports.list(scope, caller.isCustomer() ? caller.userId() : null, status, skip, take)
			.stream()
			.map(this.infos::of)
			.toList();
	}

	/**
	 * The billing file of a completed report, for a caller who may see the report, or for anyone with
	 * a valid token from its download link.
	 * @param caller {@code null} when the request carried no credentials
	 * @param token {@code null} when the request carried none
	 */
	public Path file(String id, Caller caller, String token) {
		downloadable(id, caller, token);
		Path file = this.files.file(id);
		if (!Files.isRegularFile(file)) {
			throw new ApiException(HttpStatus.NOT_FOUND, "FileMissing", "The billing file of report '" + id
					+ "' is missing from the reports folder; restore it from a backup");
		}
		return file;
	}

	/** The billing file as a workbook, on the same terms as {@link #file}. */
	public Path workbook(String id, Caller caller, String token) {
		Report report = downloadable(id, caller, token);
		return this.workbooks.workbook(id, report.includeCustomerIds());
	}

	/** A completed report that the caller, or the token of its download link, may download. */
	private Report downloadable(String id, Caller caller, String token) {
		ReportRepository.ReportRow row;
		if (token != null) {
			if (!this.tokens.isValid(id, token)) {
				throw ApiException.forbidden("The download link is invalid or has expired; ask for a new one with "
						+ "GET /reports/" + id);
			}
			row = this.reports.findRow(id).orElseThrow(() -> ApiException.notFound("Report", id));
		}
		else if (caller == null) {
			throw ApiException.unauthorized("Send credentials, or use the download link with its token");
		}
		else {
			row = visibleRow(id, caller);
		}
		ExecutionStatus status = this.infos.of(row).status();
		if (status != ExecutionStatus.Completed) {
			throw ApiException.conflict("NotCompleted",
					"Report '" + id + "' is " + status + "; its file exists once it is Completed");
		}
		return row.report();
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
