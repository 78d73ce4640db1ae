package org.billingreports.report;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import org.billingreports.batch.ExecutionStatus;
import org.billingreports.kernel.ApiException;
import org.billingreports.kernel.ReportVersion;

/**
 * Admits a report request, one at a time per account (its row is locked): a repeat of an
 * {@code Idempotency-Key} returns the first report, and an account may have only so many reports
 * queued or running at once.
 */
@Component
class ReportAdmission {

	/** A request accepted longer ago than this whose job never appeared is not counted as active. */
	private static final Duration LAUNCH_GRACE = Duration.ofMinutes(10);

	/** What a client sent with {@code Idempotency-Key}. */
	record Idempotency(String userId, String key, String requestHash) {
	}

	private final ReportRepository reports;

	private final IdempotencyKeys keys;

	private final int activeLimit;

	private final Clock clock;

	private final JobRepository jobRepository;

	ReportAdmission(ReportRepository reports, IdempotencyKeys keys, ReportLimits limits, Clock clock,
			JobRepository jobRepository) {
		this.jobRepository = jobRepository;
		this.reports = reports;
		this.keys = keys;
		this.activeLimit = limits.activeReportsPerAccount();
		this.clock = clock;
	}

	/**
	 * Stores the report, unless its idempotency key was used before.
	 * @return the earlier report's id for a repeat, or empty when {@code report} was stored
	 */
	@Transactional
	Optional<String> admit(Report report, Set<String> scope, Idempotency idempotency) {
		this.reports.lockAccount(report.accountId());
		if (idempotency != null) {
			Optional<IdempotencyKeys.Use> earlier = this.keys.find(idempotency.userId(), idempotency.key());
			if (earlier.isPresent()) {
				if (!earlier.get().requestHash().equals(idempotency.requestHash())) {
					throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "IdempotencyKeyReused",
							"This Idempotency-Key was used with a different request in the last 24 hours");
				}
				return Optional.of(earlier.get().reportId());
			}
		}
		requireRoomFor(report.accountId());
		this.reports.insert(report, scope);
		if (idempotency != null) {
			this.keys.record(idempotency.userId(), idempotency.key(), idempotency.requestHash(), report.id());
		}
		return Optional.empty();
	}

	/**
	 * Stores the report's next version, one at a time per account and report: refused while a version of
	 * the report is queued or running, or was made so recently that its job may not exist yet (409), or
	 * when the account has as many reports running as it may.
	 * @param reasons the out-of-date reasons that made it, as JSON, or {@code null}
	 * @param after the version the next must follow, or {@code null} for whichever is the newest: a version
	 * made meanwhile (by another request or node) refuses this one
	 */
	@Transactional
	ReportVersion admitVersion(ReportRepository.ReportRow row, String startedBy, String reasons, Integer after) {
		String reportId = row.report().id();
		this.reports.lockAccount(row.report().accountId());
		this.reports.lockReport(reportId);
		ReportRepository.ReportRow current = this.reports.findRow(reportId)
			.orElseThrow(() -> ApiException.notFound("Report", reportId));
		ReportRepository.VersionRow newest = current.newest();
		if (after != null && newest.version() != after) {
			throw ApiException.conflict("VersionRunning", "Report '" + reportId + "' has version " + newest.version()
					+ " already; version " + after + " is not its newest");
		}
		ExecutionStatus status;
		if (newest.jobExecutionId() != null) {
			status = ExecutionStatus.of(this.jobRepository.getJobExecution(newest.jobExecutionId()).getStatus());
		}
		else {
			// Made, and its job not created yet: being launched now, unless that was long ago (it never was).
			boolean launching = newest.createdAt().isAfter(this.clock.instant().minus(LAUNCH_GRACE));
			status = launching ? ExecutionStatus.Queued : ExecutionStatus.Error;
		}
		if (!status.hasEnded()) {
			throw ApiException.conflict("VersionRunning", "Report '" + reportId + "' has version " + newest.version()
					+ " " + status + "; rerun it once that version has ended");
		}
		requireRoomFor(row.report().accountId());
		ReportVersion next = newest.run().next();
		if (!this.reports.insertVersion(next, startedBy, reasons, this.clock.instant())) {
			throw ApiException.conflict("VersionRunning",
					"Report '" + reportId + "' got version " + next.version() + " from another request just now");
		}
		return next;
	}

	private void requireRoomFor(String accountId) {
		int active = this.reports.active(accountId, this.clock.instant().minus(LAUNCH_GRACE));
		if (active >= this.activeLimit) {
			throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "TooManyActiveReports", "Account '"
					+ accountId + "' has " + active + " reports queued or running, the most it may have; "
					+ "request more once some have completed");
		}
	}

}
