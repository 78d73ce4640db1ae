package org.billingreports.calls;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.billingreports.kernel.Utc;

/** Forgets old imports: their rows, rejected lines, leftover files and job history (not the call records). */
@Component
public class ImportHistory {

	private final JdbcClient jdbc;

	private final CallImportRepository imports;

	private final JobRepository jobRepository;

	ImportHistory(JdbcClient jdbc, CallImportRepository imports, JobRepository jobRepository) {
		this.jdbc = jdbc;
		this.imports = imports;
		this.jobRepository = jobRepository;
	}

	/** @return how many imports were forgotten */
	public int deleteCreatedBefore(Instant before) throws IOException {
		List<String> ids = this.jdbc.sql("SELECT id FROM call_import WHERE created_at < ?")
			.param(Utc.of(before))
			.query(String.class)
			.list();
		for (String id : ids) {
			JobInstance instance = this.jobRepository.getJobInstance(CallImportJob.NAME,
					CallImportJob.parameters(id));
			if (instance != null && this.jobRepository.getJobExecutions(instance).stream().anyMatch(JobExecution::isRunning)) {
				continue;
			}
			var callImport = this.imports.find(id);
			if (callImport.isPresent()) {
				Files.deleteIfExists(callImport.get().spoolFile());
			}
			// Rejected lines go with the import (ON DELETE CASCADE); the call records stay.
			this.jdbc.sql("DELETE FROM call_import WHERE id = ?").param(id).update();
			if (instance != null) {
				this.jobRepository.deleteJobInstance(instance);
			}
		}
		return ids.size();
	}

}
