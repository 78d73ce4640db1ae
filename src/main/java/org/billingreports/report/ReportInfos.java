package org.billingreports.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

import org.billingreports.batch.ExecutionStatus;
import org.billingreports.batch.JobCompletions;
import org.billingreports.batch.ReadableFailures;
import org.billingreports.billingjob.RatingProgress;
import org.billingreports.billingjob.ReportSummary;
import org.billingreports.kernel.ApiException;

/**
 * Shows a report as {@link ReportInfo}: its status and message derived from its latest job
 * execution in the job repository (SPEC section 2).
 */
@Component
public class ReportInfos {

	private final ReportRepository reports;

	private final JobRepository jobRepository;

	private final Links links;

	private final JobCompletions completions;

	ReportInfos(ReportRepository reports, JobRepository jobRepository, Links links, JobCompletions completions) {
		this.reports = reports;
		this.jobRepository = jobRepository;
		this.links = links;
		this.completions = completions;
	}

	/**
	 * A report as its job repository has it, for the service's own use (no caller, no notifications),
	 * e.g. by the job's own listeners.
	 */
	public ReportInfo of(String reportId) {
		return of(this.reports.findRow(reportId).orElseThrow(() -> ApiException.notFound("Report", reportId)),
				false);
	}

	/** A report as a client sees it: still Running until its job's listeners are done. */
	ReportInfo of(ReportRepository.ReportRow row) {
		return of(row, true);
	}

	private ReportInfo of(ReportRepository.ReportRow row, boolean untilListenersAreDone) {
		Report report = row.report();
		JobExecution execution = (row.jobExecutionId() != null)
				? this.jobRepository.getJobExecution(row.jobExecutionId()) : null;
		ExecutionStatus status;
		if (execution == null) {
			status = ExecutionStatus.Error;
		}
		else {
			status = untilListenersAreDone ? this.completions.statusOf(execution)
					: ExecutionStatus.of(execution.getStatus());
		}
		Instant updated = report.createdAt();
		if (execution != null && execution.getLastUpdated() != null) {
			Instant lastUpdated = execution.getLastUpdated().atZone(ZoneId.systemDefault()).toInstant();
			updated = lastUpdated.isAfter(updated) ? lastUpdated : updated;
		}
		boolean completed = status == ExecutionStatus.Completed;
		return new ReportInfo(report.id(), report.name(), status, statusMessage(status, execution, row),
				iso(report.createdAt()), iso(updated), completed ? this.links.reportFile(report.id(), ".csv") : null,
				completed ? this.links.reportFile(report.id(), ".xlsx") : null,
				(execution != null) ? String.valueOf(execution.getId()) : null, report.emailAddressToNotify(),
				row.node(), report.accountId(), report.startDate(), report.endDate(), report.includeCustomerIds(),
				(report.nightlyDate() != null) ? Boolean.TRUE : null, null, null);
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
	private static String iso(Instant instant) {
		return instant.truncatedTo(ChronoUnit.SECONDS).toString();
	}

}
