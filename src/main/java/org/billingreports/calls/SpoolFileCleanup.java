package org.billingreports.calls;

import java.io.IOException;
import java.nio.file.Files;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * The upload is kept until its records are stored, so that a failed import can be restarted; then it
 * goes, and so does a file refused for its rejected lines (it is imported again, fixed, or not at all).
 */
class SpoolFileCleanup implements JobExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(SpoolFileCleanup.class);

	private final CallImportRepository imports;

	SpoolFileCleanup(CallImportRepository imports) {
		this.imports = imports;
	}

	@Override
	public void afterJob(JobExecution execution) {
		if (execution.getStatus() != BatchStatus.COMPLETED && !CallImportJob.refusedItsFile(execution)) {
			return;
		}
		this.imports.find(execution.getJobParameters().getString(CallImportJob.IMPORT_ID)).ifPresent(callImport -> {
			try {
				Files.deleteIfExists(callImport.spoolFile());
			}
			catch (IOException ex) {
				// Harmless: the records are stored; the file only takes disk space.
				log.warn("Could not delete the imported file {}: {}", callImport.spoolFile(), ex.toString());
			}
		});
	}

}
