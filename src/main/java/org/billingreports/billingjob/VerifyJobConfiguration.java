package org.billingreports.billingjob;

import javax.sql.DataSource;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import org.billingreports.batch.JobCompletions;
import org.billingreports.batch.JobLogContext;
import org.billingreports.ratedecks.ReportDecks;
import org.billingreports.statement.BillingFiles;
import org.billingreports.statement.StatementRepository;

/**
 * {@code verifyReportJob}, one job instance per verification (identifying parameter {@code
 * verificationId}): one step that rates a completed version's records again with its kept inputs and
 * records whether that makes the same billing file ({@link VersionVerification}). It only reads the
 * version; run again, it verifies again.
 */
@Configuration(proxyBeanMethods = false)
class VerifyJobConfiguration {

	@Bean
	Job verifyReportJob(JobRepository jobRepository, Step verifyVersionStep, JobCompletions completions) {
		return new JobBuilder(VerifyJob.NAME, jobRepository).start(verifyVersionStep)
			.listener(new JobLogContext(VerifyJob.VERIFICATION_ID))
			.listener(completions)
			.build();
	}

	@Bean
	Step verifyVersionStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			VersionVerification versionVerification) {
		return new StepBuilder(VerifyJob.STEP, jobRepository).tasklet(versionVerification, transactionManager).build();
	}

	@Bean
	@StepScope
	VersionVerification versionVerification(
			@Value("#{jobParameters['" + VerifyJob.VERIFICATION_ID + "']}") String verificationId,
			Verifications verifications, StatementRepository statements, ReportDecks decks, BillingFiles files,
			DataSource dataSource) {
		return new VersionVerification(verificationId, verifications, statements, decks, files, dataSource);
	}

}
