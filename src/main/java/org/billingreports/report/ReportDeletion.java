package org.billingreports.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import org.billingreports.billingjob.ReportFiles;

/**
 * Deletes a report that is not running: its billing file, billing rows and lines, notifications, the
 * report itself, and its job instance's history in the job repository.
 */
@Component
public class ReportDeletion {

	private final JdbcClient jdbc;

	private final JobRepository jobRepository;

	private final ReportFiles files;

	private final TransactionTemplate transaction;

	ReportDeletion(JdbcClient jdbc, JobRepository jobRepository, ReportFiles files, TransactionTemplate transaction) {
		this.jdbc = jdbc;
		this.jobRepository = jobRepository;
		this.files = files;
		this.transaction = transaction;
	}

	public void delete(String reportId) {
		this.transaction.executeWithoutResult(status -> {
			this.jdbc.sql("DELETE FROM billing_row WHERE report_id = ?").param(reportId).update();
			this.jdbc.sql("DELETE FROM billing_line WHERE report_id = ?").param(reportId).update();
			// Notifications, scope, idempotency keys and executions go with the report (ON DELETE CASCADE).
			this.jdbc.sql("DELETE FROM billing_report WHERE id = ?").param(reportId).update();
			JobInstance instance = this.jobRepository.getJobInstance(ReportLauncher.JOB_NAME,
					ReportLauncher.parameters(reportId));
			if (instance != null) {
				this.jobRepository.deleteJobInstance(instance);
			}
		});
		try {
			Files.deleteIfExists(this.files.file(reportId));
			Files.deleteIfExists(this.files.workbook(reportId));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The billing file of report " + reportId + " could not be deleted", ex);
		}
	}

}
