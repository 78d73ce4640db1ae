package org.billingreports.calls;

import java.io.IOException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

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
import org.springframework.context.annotation.Scope;
import org.springframework.transaction.PlatformTransactionManager;

import org.billingreports.accounts.Account;
import org.billingreports.accounts.AccountRepository;
import org.billingreports.accounts.CustomerRepository;
import org.billingreports.accounts.PhoneNumberRepository;
import org.billingreports.batch.JobCompletions;
import org.billingreports.batch.JobLogContext;
import org.billingreports.batch.ReadableFailures;
import org.billingreports.changes.InputChanges;
import org.billingreports.database.TableStatistics;
import org.billingreports.monitoring.BillingMetrics;

/**
 * {@code callImportJob}: one chunk-oriented step that streams an uploaded file, parses each line in
 * the file's format, and stores the call records; a line that cannot be a call record is skipped and
 * recorded, and never stops the rest of the file. Identified by the {@code importId} job parameter.
 */
@Configuration(proxyBeanMethods = false)
class CallImportJobConfiguration {

	private static final String IMPORT_ID = "#{jobParameters['" + CallImportJob.IMPORT_ID + "']}";

	@Bean
	Job callImportJob(JobRepository jobRepository, Step importCallsStep, Step checkRejectionsStep,
			JobCompletions completions, CallImportRepository imports, BillingMetrics metrics) {
		return new JobBuilder(CallImportJob.NAME, jobRepository).start(importCallsStep)
			.next(checkRejectionsStep)
			.listener(new JobLogContext(CallImportJob.IMPORT_ID))
			.listener(completions)
			.listener(metrics.importsEnded())
			.listener(new ReadableFailures(jobRepository, Map.of(CallImportJob.IMPORT_STEP, "Reading the file failed",
					CallImportJob.CHECK_STEP, "The file was refused"), "",
					"The import was stopped before it completed; restart it to finish"))
			.listener(new SpoolFileCleanup(imports))
			.build();
	}

	@Bean
	Step importCallsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			CsvLineReader callLineReader, CallLineProcessor callLineProcessor, CallRecordWriter callRecordWriter,
			RejectionRecorder rejectionRecorder, CallImportProperties settings) {
		return new StepBuilder(CallImportJob.IMPORT_STEP, jobRepository)
			.<CsvLine, CallRecord>chunk(settings.chunkSize())
			.transactionManager(transactionManager)
			.reader(callLineReader)
			.processor(callLineProcessor)
			.writer(callRecordWriter)
			.faultTolerant()
			.skipPolicy((failure, skipCount) -> failure instanceof RejectedLineException)
			.skipListener(rejectionRecorder)
			.listener(new CustomerMatches())
			.build();
	}

	/** Fails a file with too many rejected lines, and takes back what it imported. */
	@Bean
	Step checkRejectionsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			CallImportRepository imports, CallImportProperties settings, InputChanges changes,
			TableStatistics statistics) {
		return new StepBuilder(CallImportJob.CHECK_STEP, jobRepository)
			.tasklet(new RejectionThreshold(imports, jobRepository, settings.maxRejectedShare(), changes, statistics),
					transactionManager)
			.build();
	}

	@Bean
	DirectionRules directionRules(CallImportProperties settings) {
		return DirectionRules.of(settings.inboundContexts(), settings.outboundContexts(), settings.internalNumber(),
				settings.defaultDirection());
	}

	/**
	 * The import a step works on, looked up once for the reader, processor and writer (step scope
	 * without a proxy: a record cannot be proxied, and only step-scoped beans take it).
	 */
	@Bean
	@Scope("step")
	CallImportRepository.CallImport currentImport(@Value(IMPORT_ID) String importId, CallImportRepository imports) {
		return imports.find(importId).orElseThrow(() -> new IllegalStateException("import " + importId + " is gone"));
	}

	@Bean
	@StepScope
	CsvLineReader callLineReader(CallImportRepository.CallImport currentImport, CallRecordFormats formats) {
		return new CsvLineReader(currentImport.spoolFile(), formats.find(currentImport.format()).hasHeader());
	}

	@Bean
	@StepScope
	CallLineProcessor callLineProcessor(CallImportRepository.CallImport currentImport, CallRecordFormats formats,
			CustomerRepository customers, PhoneNumberRepository numbers, AccountRepository accounts,
			DirectionRules directions) throws IOException {
		CallRecordFormat format = formats.find(currentImport.format());
		List<String> header = format.hasHeader() ? CsvLineReader.readHeader(currentImport.spoolFile()) : List.of();
		AccountNumbers accountNumbers = new AccountNumbers(numbers.customersByNumber(currentImport.accountId()),
				accounts.find(currentImport.accountId()).map(Account::defaultCountryCode).orElse(null));
		return new CallLineProcessor(format.parser(header),
				new ImportContext(ZoneId.of(currentImport.timeZoneId()), directions, accountNumbers),
				new CustomerFinder(accountNumbers, customers.idsByIdOrReference(currentImport.accountId()),
						currentImport.defaultCustomerId(), "the line", "the import"));
	}

	@Bean
	@StepScope
	CallRecordWriter callRecordWriter(CallImportRepository.CallImport currentImport, DataSource dataSource)
			throws Exception {
		return new CallRecordWriter(currentImport, dataSource);
	}

	@Bean
	@StepScope
	RejectionRecorder rejectionRecorder(@Value(IMPORT_ID) String importId, CallImportRepository imports) {
		return new RejectionRecorder(imports, importId);
	}

}
