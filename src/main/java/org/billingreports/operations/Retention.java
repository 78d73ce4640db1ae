package org.billingreports.operations;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import org.billingreports.calls.ImportHistory;
import org.billingreports.report.Report;
import org.billingreports.report.ReportDeletion;
import org.billingreports.report.ReportRepository;

/**
 * Deletes what is older than {@code billing.retention} (400 days): reports with their billing rows,
 * lines and files, and imports (the call records stay), with their job history. Runs hourly on every
 * node; the deletions are idempotent.
 */
@Component
public class Retention {

	private static final Logger log = LoggerFactory.getLogger(Retention.class);

	private static final int BATCH = 100;

	private final ReportRepository reports;

	private final ReportDeletion deletion;

	private final ImportHistory imports;

	private final JobRepository jobRepository;

	private final OperationsProperties properties;

	private final Clock clock;

	Retention(ReportRepository reports, ReportDeletion deletion, ImportHistory imports, JobRepository jobRepository,
			OperationsProperties properties, Clock clock) {
		this.reports = reports;
		this.deletion = deletion;
		this.imports = imports;
		this.jobRepository = jobRepository;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
	void hourly() throws IOException {
		purge(this.clock.instant().minus(this.properties.retention()));
	}

	/** @return how many reports were deleted */
	public int purge(Instant before) throws IOException {
		int deleted = 0;
		List<Report> old;
		do {
			old = this.reports.createdBefore(before, BATCH).stream().filter(this::notRunning).toList();
			for (Report report : old) {
				this.deletion.delete(report.id());
			}
			deleted += old.size();
		}
		while (old.size() == BATCH);
		int imports = this.imports.deleteCreatedBefore(before);
		if (deleted + imports > 0) {
			log.info("Retention: deleted {} reports and {} imports accepted before {}", deleted, imports, before);
		}
		return deleted;
	}

	private boolean notRunning(Report report) {
		return this.reports.findRow(report.id())
			.map(row -> row.newest().jobExecutionId() == null
					|| !this.jobRepository.getJobExecution(row.newest().jobExecutionId()).isRunning())
			.orElse(false);
	}

}
