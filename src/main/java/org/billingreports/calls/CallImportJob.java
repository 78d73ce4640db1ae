package org.billingreports.calls;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/** The names of {@code callImportJob}, its steps and its parameter, for those who launch and watch it. */
public final class CallImportJob {

	public static final String NAME = "callImportJob";

	/** The identifying job parameter: one job instance per import. */
	public static final String IMPORT_ID = "importId";

	static final String IMPORT_STEP = "importCallsStep";

	static final String CHECK_STEP = "checkRejectionsStep";

	private CallImportJob() {
	}

	/** Whether the execution refused its file for its rejected lines: running it again changes nothing. */
	static boolean refusedItsFile(JobExecution execution) {
		return execution.getStepExecutions().stream()
			.anyMatch(step -> step.getStepName().equals(CHECK_STEP) && step.getStatus() == BatchStatus.FAILED);
	}

	public static JobParameters parameters(String importId) {
		return new JobParametersBuilder().addString(IMPORT_ID, importId).toJobParameters();
	}

}
