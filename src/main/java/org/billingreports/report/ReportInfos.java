package org.billingreports.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

import org.billingreports.batch.ExecutionStatus;
import org.billingreports.batch.JobCompletions;
import org.billingreports.batch.ReadableFailures;
import org.billingreports.billingjob.RatingProgress;
import org.billingreports.billingjob.ReportSummary;
import org.billingreports.kernel.ApiException;
import org.billingreports.kernel.ReportVersion;

/**
 * Shows a report as {@link ReportInfo}: the status and message of the version shown, derived from its
 * latest job execution in the job repository ({@code api.md}, Report statuses), with the newest version's status when
 * that is another one.
 */
@Component
public class ReportInfos {

	private final ReportRepository reports;

	private final JobRepository jobRepository;

	private final Links links;

	private final JobCompletions completions;

	private final OutOfDate outOfDate;

	ReportInfos(ReportRepository reports, JobRepository jobRepository, Links links, JobCompletions completions,
			OutOfDate outOfDate) {
		this.reports = reports;
		this.jobRepository = jobRepository;
		this.links = links;
		this.completions = completions;
		this.outOfDate = outOfDate;
	}

	/**
	 * A report as its job repository has it, for the service's own use (no caller, no notifications),
	 * e.g. by the job's own listeners.
	 */
	public ReportInfo of(String reportId) {
		return of(this.reports.findRow(reportId).orElseThrow(() -> ApiException.notFound("Report", reportId)),
				false);
	}

	/** One version of a report, for the service's own use (a notification of that version). */
	public ReportInfo of(ReportVersion run) {
		return of(this.reports.findRow(run.reportId(), run.version())
			.orElseThrow(() -> ApiException.notFound("Report", run.reportId())), false);
	}

	/** A report as a client sees it: still Running until its job's listeners are done. */
	ReportInfo of(ReportRepository.ReportRow row) {
		return of(row, true);
	}

	private ReportInfo of(ReportRepository.ReportRow row, boolean untilListenersAreDone) {
		Report report = row.report();
		JobExecution execution = execution(row.shown());
		ExecutionStatus status = status(execution, untilListenersAreDone);
		Instant updated = report.createdAt();
		if (execution != null && execution.getLastUpdated() != null) {
			Instant lastUpdated = execution.getLastUpdated().atZone(ZoneId.systemDefault()).toInstant();
			updated = lastUpdated.isAfter(updated) ? lastUpdated : updated;
		}
		boolean newer = row.newest().version() != row.shown().version();
		ExecutionStatus latestStatus = newer ? status(execution(row.newest()), untilListenersAreDone) : null;
		boolean completed = status == ExecutionStatus.Completed;
		List<OutOfDateReason> reasons = completed ? this.outOfDate.reasons(row.run()) : List.of();
		return new ReportInfo(report.id(), report.name(), status, statusMessage(status, execution, row),
				iso(report.createdAt()), iso(updated), completed ? this.links.reportFile(row.run(), ".csv") : null,
				completed ? this.links.reportFile(row.run(), ".xlsx") : null,
				(execution != null) ? String.valueOf(execution.getId()) : null, report.emailAddressToNotify(),
				row.node(), report.accountId(), report.startDate(), report.endDate(), report.includeCustomerIds(),
				(report.nightlyDate() != null) ? Boolean.TRUE : null, row.shown().version(), row.versions(),
				newer ? row.newest().version() : null, latestStatus, !reasons.isEmpty(), reasons, null, null);
	}

	private JobExecution execution(ReportRepository.VersionRow version) {
		return (version.jobExecutionId() != null) ? this.jobRepository.getJobExecution(version.jobExecutionId())
				: null;
	}

	/** A version without an execution never launched: it counts as failed. */
	private ExecutionStatus status(JobExecution execution, boolean untilListenersAreDone) {
		if (execution == null) {
			return ExecutionStatus.Error;
		}
		return untilListenersAreDone ? this.completions.statusOf(execution) : ExecutionStatus.of(execution.getStatus());
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
			case Running -> RatingProgress.describe(execution);
			case Completed -> {
				ReportSummary summary = ReportSummary.from(execution.getExecutionContext());
				yield (summary != null) ? summary.describe() : "Completed";
			}
			case Error -> {
				String reason = ReadableFailures.sentence(execution.getExitStatus().getExitDescription());
				yield (reason != null) ? reason : "The report failed";
			}
		};
	}

	/** ISO-8601 UTC to the second, as Evo writes dates: 2026-07-01T02:00:00Z. */
	static String iso(Instant instant) {
		return instant.truncatedTo(ChronoUnit.SECONDS).toString();
	}

}
