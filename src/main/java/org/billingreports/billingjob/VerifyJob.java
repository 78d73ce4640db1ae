package org.billingreports.billingjob;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/** The names of {@code verifyReportJob}, for those who launch and watch it. */
public final class VerifyJob {

	public static final String NAME = "verifyReportJob";

	/** The identifying job parameter: one job instance per verification. */
	public static final String VERIFICATION_ID = "verificationId";

	static final String STEP = "verifyVersionStep";

	private VerifyJob() {
	}

	public static JobParameters parameters(String verificationId) {
		return new JobParametersBuilder().addString(VERIFICATION_ID, verificationId).toJobParameters();
	}

}
