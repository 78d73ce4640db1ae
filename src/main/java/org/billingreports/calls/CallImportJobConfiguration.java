package org.billingreports.calls;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcBatchItemWriter;
import org.springframework.batch.infrastructure.item.database.builder.JdbcBatchItemWriterBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import org.billingreports.accounts.CustomerRepository;
import org.billingreports.batch.JobCompletions;
import org.billingreports.batch.ReadableFailures;
import org.billingreports.monitoring.BillingMetrics;
import org.billingreports.batch.JobLogContext;

/**
 * {@code callImportJob}: one chunk-oriented step that streams an uploaded file, parses each line in
 * the file's format, and stores the call records; a line that cannot be a call record is skipped and
 * recorded, and never stops the rest of the file. Identified by the {@code importId} job parameter.
 */
@Configuration(proxyBeanMethods = false)
class CallImportJobConfiguration {

	private static final Logger log = LoggerFactory.getLogger(CallImportJobConfiguration.class);

	static final String JOB_NAME = "callImportJob";

	static final String IMPORT_ID = "importId";

	static final String IMPORT_STEP = "importCallsStep";

	static final String CHECK_STEP = "checkRejectionsStep";

	@Bean
	Job callImportJob(JobRepository jobRepository, Step importCallsStep, Step checkRejectionsStep,
			JobCompletions completions, CallImportRepository imports,
			BillingMetrics metrics) {
		return new JobBuilder(JOB_NAME, jobRepository).start(importCallsStep)
			.next(checkRejectionsStep)
			.listener(new JobLogContext(IMPORT_ID))
			.listener(completions)
			.listener(metrics.importsEnded())
			.listener(new ReadableFailures(jobRepository, Map.of(IMPORT_STEP, "Reading the file failed", CHECK_STEP,
					"The file was refused"), "", "The import was stopped before it completed; restart it to finish"))
			.listener(deleteSpoolFileWhenCompleted(imports))
			.build();
	}

	@Bean
	Step importCallsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			CsvLineReader callLineReader, CallLineProcessor callLineProcessor,
			JdbcBatchItemWriter<CallRecord> callRecordWriter, RejectionRecorder rejectionRecorder,
			CallImportProperties settings) {
		return new StepBuilder(IMPORT_STEP, jobRepository)
			.<CsvLine, CallRecord>chunk(settings.chunkSize())
			.transactionManager(transactionManager)
			.reader(callLineReader)
			.processor(callLineProcessor)
			.writer(callRecordWriter)
			.faultTolerant()
			.skipPolicy((failure, skipCount) -> failure instanceof RejectedLineException)
			.skipListener(rejectionRecorder)
			.build();
	}

	/** Fails a file with too many rejected lines, and takes back what it imported. */
	@Bean
	Step checkRejectionsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			CallImportRepository imports, CallImportProperties settings) {
		return new StepBuilder(CHECK_STEP, jobRepository)
			.tasklet(new RejectionThreshold(imports, jobRepository, settings.maxRejectedShare()),
					transactionManager)
			.build();
	}

	@Bean
	DirectionRules directionRules(CallImportProperties settings) {
		return DirectionRules.of(settings.inboundContexts(), settings.outboundContexts(), settings.internalNumber(),
				settings.defaultDirection());
	}

	@Bean
	@StepScope
	CsvLineReader callLineReader(@Value("#{jobParameters['importId']}") String importId,
			CallImportRepository imports, CallRecordFormats formats) {
		CallImportRepository.CallImport callImport = imports.find(importId).orElseThrow();
		return new CsvLineReader(callImport.spoolFile(), formats.find(callImport.format()).hasHeader());
	}

	@Bean
	@StepScope
	CallLineProcessor callLineProcessor(@Value("#{jobParameters['importId']}") String importId,
			CallImportRepository imports, CallRecordFormats formats, CustomerRepository customers,
			DirectionRules directions) throws IOException {
		CallImportRepository.CallImport callImport = imports.find(importId).orElseThrow();
		CallRecordFormat format = formats.find(callImport.format());
		List<String> header = format.hasHeader() ? CsvLineReader.readHeader(callImport.spoolFile()) : List.of();
		return new CallLineProcessor(format.parser(header),
				new ImportContext(ZoneId.of(callImport.timeZoneId()), directions),
				customers.idsByIdOrReference(callImport.accountId()), callImport.defaultCustomerId());
	}

	/** Idempotent on (account, callId): a record imported before, or twice in one file, is stored once. */
	@Bean
	@StepScope
	JdbcBatchItemWriter<CallRecord> callRecordWriter(@Value("#{jobParameters['importId']}") String importId,
			CallImportRepository imports, DataSource dataSource) {
		String accountId = imports.find(importId).orElseThrow().accountId();
		return new JdbcBatchItemWriterBuilder<CallRecord>().dataSource(dataSource)
			.sql("INSERT INTO call_record (account_id, call_id, customer_id, channel, direction, from_number, "
					+ "to_number, caller_name, start_time, answer_time, end_time, duration_seconds, billable_seconds, "
					+ "status, carrier_cost, import_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
					+ "ON CONFLICT DO NOTHING")
			.itemPreparedStatementSetter((call, ps) -> {
				ps.setString(1, accountId);
				ps.setString(2, call.callId());
				ps.setString(3, call.customer());
				ps.setString(4, call.channel().code());
				ps.setString(5, call.direction().code());
				ps.setString(6, call.from());
				ps.setString(7, call.to());
				ps.setString(8, call.callerName());
				ps.setObject(9, utc(call.startTime()));
				ps.setObject(10, utc(call.answerTime()));
				ps.setObject(11, utc(call.endTime()));
				ps.setLong(12, call.durationSeconds());
				ps.setLong(13, call.billableSeconds());
				ps.setString(14, call.status());
				ps.setBigDecimal(15, call.carrierCost());
				ps.setString(16, importId);
			})
			.assertUpdates(false)
			.build();
	}

	@Bean
	@StepScope
	RejectionRecorder rejectionRecorder(@Value("#{jobParameters['importId']}") String importId,
			CallImportRepository imports) {
		return new RejectionRecorder(imports, importId);
	}

	/** The upload is kept until its records are stored, so that a failed import can be restarted. */
	private static JobExecutionListener deleteSpoolFileWhenCompleted(CallImportRepository imports) {
		return new JobExecutionListener() {
			@Override
			public void afterJob(JobExecution execution) {
				if (execution.getStatus() == BatchStatus.COMPLETED) {
					String importId = execution.getJobParameters().getString(IMPORT_ID);
					imports.find(importId).ifPresent(callImport -> {
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
		};
	}

	private static OffsetDateTime utc(Instant instant) {
		return (instant != null) ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : null;
	}

}
