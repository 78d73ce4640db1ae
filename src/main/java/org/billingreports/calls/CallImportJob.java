package org.billingreports.calls;

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

	public static JobParameters parameters(String importId) {
		return new JobParametersBuilder().addString(IMPORT_ID, importId).toJobParameters();
	}

}
