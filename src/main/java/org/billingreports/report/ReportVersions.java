package org.billingreports.report;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

import org.billingreports.batch.ExecutionStatus;
import org.billingreports.batch.JobCompletions;
import org.billingreports.billingjob.ReportSummary;
import org.billingreports.kernel.ReportVersion;

/** A report's versions as {@code GET /reports/{id}/versions} lists them, and what made each. */
@Component
public class ReportVersions {

	/**
	 * One version.
	 * @param dateCompleted when it completed; absent until then
	 * @param total what it billed, absent until it completed
	 * @param startedBy a user name, {@code nightly} or {@code automaticRerun}
	 * @param reasons the out-of-date reasons of the version before it that made it (empty for a first
	 * version, or a rerun of a version that was up to date)
	 */
	public record ReportVersionInfo(int version, ExecutionStatus status, String dateCreated, String dateCompleted,
			BigDecimal total, String currency, Long calls, String startedBy, List<OutOfDateReason> reasons) {
	}

	/** The answer of {@code GET /reports/{id}/versions}. */
	public record ReportVersionListing(List<ReportVersionInfo> versions) {
	}

	private static final TypeReference<List<OutOfDateReason>> REASONS = new TypeReference<>() {
	};

	private final ReportRepository reports;

	private final JobRepository jobRepository;

	private final JobCompletions completions;

	private final OutOfDate outOfDate;

	private final JsonMapper json;

	ReportVersions(ReportRepository reports, JobRepository jobRepository, JobCompletions completions,
			OutOfDate outOfDate, JsonMapper json) {
		this.reports = reports;
		this.jobRepository = jobRepository;
		this.completions = completions;
		this.outOfDate = outOfDate;
		this.json = json;
	}

	ReportVersionListing of(ReportRepository.ReportRow row) {
		return new ReportVersionListing(this.reports.versions(row.report().id()).stream().map(this::info).toList());
	}

	private ReportVersionInfo info(ReportRepository.VersionRow version) {
		JobExecution execution = (version.jobExecutionId() != null)
				? this.jobRepository.getJobExecution(version.jobExecutionId()) : null;
		ExecutionStatus status = (execution != null) ? this.completions.statusOf(execution) : ExecutionStatus.Error;
		boolean completed = status == ExecutionStatus.Completed;
		ReportSummary summary = completed ? ReportSummary.from(execution.getExecutionContext()) : null;
		return new ReportVersionInfo(version.version(), status, ReportInfos.iso(version.createdAt()),
				(completed && execution.getEndTime() != null)
						? ReportInfos.iso(execution.getEndTime().atZone(ZoneId.systemDefault()).toInstant()) : null,
				(summary != null) ? summary.total() : null, (summary != null) ? summary.currency() : null,
				(summary != null) ? summary.calls() : null, version.startedBy(), reasons(version.reasons()));
	}

	/** The version's out-of-date reasons as a new version records them (JSON), or {@code null} for none. */
	String reasonsOf(ReportVersion run) {
		List<OutOfDateReason> reasons = this.outOfDate.reasons(run);
		return reasons.isEmpty() ? null : this.json.writeValueAsString(reasons);
	}

	/** The reasons that made the version (those of the version before it), empty for a first version. */
	List<OutOfDateReason> madeBecause(ReportVersion run) {
		return this.reports.versions(run.reportId())
			.stream()
			.filter(version -> version.version() == run.version())
			.findFirst()
			.map(version -> reasons(version.reasons()))
			.orElse(List.of());
	}

	private List<OutOfDateReason> reasons(String stored) {
		return (stored != null) ? this.json.readValue(stored, REASONS) : List.of();
	}

}
