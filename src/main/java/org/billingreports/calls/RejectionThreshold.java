package org.billingreports.calls;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import org.billingreports.changes.InputChanges;
import org.billingreports.database.TableStatistics;

/**
 * After the lines are read: a file with a larger share of rejected lines than allowed is most likely
 * the wrong file, or a broken one. It fails as a whole, and what it imported is taken back, so that an
 * operator fixes the file (or the setting) and imports it again. A file that passes has changed what
 * reports of its calls' days bill from: that change is recorded here, in this step's transaction, for
 * the reports to learn of ({@link InputChanges}).
 */
class RejectionThreshold implements Tasklet {

	private final CallImportRepository imports;

	private final JobRepository jobRepository;

	private final double maxShare;

	private final InputChanges changes;

	private final TableStatistics statistics;

	RejectionThreshold(CallImportRepository imports, JobRepository jobRepository, double maxShare,
			InputChanges changes, TableStatistics statistics) {
		this.changes = changes;
		this.statistics = statistics;
		this.imports = imports;
		this.jobRepository = jobRepository;
		this.maxShare = maxShare;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		long read = 0;
		long rejected = 0;
		// Over every execution: a restarted import read part of its file before the restart, or all of it.
		JobInstance instance = chunkContext.getStepContext().getStepExecution().getJobExecution().getJobInstance();
		for (JobExecution execution : this.jobRepository.getJobExecutions(instance)) {
			for (StepExecution step : execution.getStepExecutions()) {
				read += step.getReadCount() + step.getReadSkipCount();
				rejected += step.getReadSkipCount() + step.getProcessSkipCount();
			}
		}
		String importId = chunkContext.getStepContext().getStepExecution().getJobParameters()
			.getString(CallImportJob.IMPORT_ID);
		if (read > 0 && (double) rejected / read > this.maxShare) {
			this.imports.deleteImported(importId);
			throw new IllegalStateException(String.format(
					"%d of %d lines (%.0f%%) were rejected, more than the %.0f%% allowed: nothing of the file was "
							+ "imported. Fix the file, or check its format and time zone, and import it again",
					rejected, read, 100.0 * rejected / read, 100 * this.maxShare));
		}
		CallImportRepository.Stored stored = this.imports.stored(importId);
		// The recounts of the reports it concerns read these tables next.
		this.statistics.afterWriting("call_record", stored.calls() + stored.corrections());
		this.statistics.afterWriting("call_record_correction", stored.corrections());
		this.imports.find(importId).ifPresent(callImport -> this.changes.callsImported(callImport.accountId(), importId));
		return RepeatStatus.FINISHED;
	}

}
