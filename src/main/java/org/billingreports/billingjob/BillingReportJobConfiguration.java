package org.billingreports.billingjob;

import java.time.Clock;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.ChunkOrientedStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.support.DatabaseType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.transaction.PlatformTransactionManager;

import org.billingreports.accounts.AccountRepository;
import org.billingreports.accounts.CustomerRepository;
import org.billingreports.accounts.PhoneNumberRepository;
import org.billingreports.batch.JobCompletions;
import org.billingreports.batch.JobLogContext;
import org.billingreports.batch.ReadableFailures;
import org.billingreports.database.TableStatistics;
import org.billingreports.kernel.ReportVersion;
import org.billingreports.kernel.ServiceProperties;
import org.billingreports.monitoring.BillingMetrics;
import org.billingreports.ratedecks.ReportDecks;
import org.billingreports.statement.BillingFiles;
import org.billingreports.statement.StatementRepository;

/**
 * {@code billingReportJob}, one job instance per report (identifying parameter {@code reportId}):
 * <ol>
 * <li>{@code rateCallsStep}: splits the period's call records into id ranges; each partition pages
 * through its range, rates each call record into a billing row and writes the rows, chunk by chunk,
 * never twice;</li>
 * <li>{@code billingFileStep}: sums the rows per customer and item and writes the billing file.</li>
 * </ol>
 */
@Configuration(proxyBeanMethods = false)
class BillingReportJobConfiguration {

	private static final String REPORT_ID = "#{jobParameters['" + BillingJob.REPORT_ID + "']}";

	/** A job instance of a report made before versions has no version: it runs version 1. */
	private static final String VERSION = "#{jobParameters['" + BillingJob.VERSION + "'] ?: 1}";

	/**
	 * Listeners end a job in the reverse order of registration: first the readable failure reason,
	 * then the listeners of other capabilities (the notifications that carry the reason), the metrics,
	 * last whoever waits for the end.
	 */
	@Bean
	Job billingReportJob(JobRepository jobRepository, Step rateCallsStep, Step billingFileStep,
			JobCompletions completions, BillingMetrics metrics, ObjectProvider<BillingJobListener> listeners) {
		SimpleJobBuilder job = new JobBuilder(BillingJob.NAME, jobRepository).start(rateCallsStep)
			.next(billingFileStep)
			.listener(new JobLogContext(BillingJob.REPORT_ID))
			.listener(completions)
			.listener(metrics.reportsEnded());
		listeners.orderedStream().forEach(job::listener);
		return job
			.listener(new ReadableFailures(jobRepository,
					Map.of(BillingJob.RATE_STEP, "Rating call records failed", BillingJob.FILE_STEP,
							"Writing the billing file failed"),
					". Restart the report once the cause is fixed.",
					"The report was stopped before it completed; restart it to finish"))
			.build();
	}

	/**
	 * Splits the period's call records into id ranges, rated at once by the partition handler: on this
	 * node's threads, or on worker nodes (see {@code partitioning}). A restart runs only the partitions
	 * that did not complete.
	 */
	@Bean
	Step rateCallsStep(JobRepository jobRepository, CallRangePartitioner callRangePartitioner,
			PartitionHandler ratingPartitionHandler, ReportDefinitions reports, NamedParameterJdbcTemplate jdbc,
			ReportDecks decks, TableStatistics statistics) {
		return new StepBuilder(BillingJob.RATE_STEP, jobRepository)
			.partitioner(BillingJob.PARTITION_STEP, callRangePartitioner)
			.partitionHandler(ratingPartitionHandler)
			.listener(new DeckPins(reports, decks, statistics))
			.listener(new RatingProgress(reports, jdbc, jobRepository))
			.listener(new UnfinishedPartitions(jobRepository))
			.listener(new RatedRowStatistics(statistics))
			.build();
	}

	/**
	 * One partition: its range of call record ids, a chunk of ids at a time, each rated in one statement
	 * in the chunk's transaction, with the position of the next.
	 */
	@Bean
	Step rateCallsPartitionStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			IdRanges callIdRanges, RangeRater rangeRater, ObjectProvider<RatingListener> listeners,
			ServiceProperties service) {
		ChunkOrientedStepBuilder<IdRange, IdRange> step = new StepBuilder(BillingJob.PARTITION_STEP, jobRepository)
			.<IdRange, IdRange>chunk(1)
			.transactionManager(transactionManager)
			.reader(callIdRanges)
			.writer(rangeRater);
		listeners.orderedStream().forEach(step::listener);
		return step.listener(Partitions.nodeRecorder(service.effectiveNodeName(), jobRepository))
			.listener(new JobLogContext(BillingJob.REPORT_ID))
			.build();
	}

	@Bean
	@StepScope
	CallRangePartitioner callRangePartitioner(@Value("#{stepExecution}") StepExecution ratingStep) {
		return CallRangePartitioner.of(ratingStep.getExecutionContext());
	}

	@Bean
	Step billingFileStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			BillingFileTasklet billingFileTasklet) {
		return new StepBuilder(BillingJob.FILE_STEP, jobRepository)
			.tasklet(billingFileTasklet, transactionManager)
			.build();
	}

	@Bean
	@StepScope
	IdRanges callIdRanges(@Value("#{stepExecutionContext['" + CallRangePartitioner.MIN_ID + "']}") long minId,
			@Value("#{stepExecutionContext['" + CallRangePartitioner.MAX_ID + "']}") long maxId,
			BillingJobProperties properties) {
		return new IdRanges(minId, maxId, properties.chunkSize());
	}

	@Bean
	@StepScope
	RangeRater rangeRater(@Value(REPORT_ID) String reportId, @Value(VERSION) int version, ReportDefinitions reports,
			NamedParameterJdbcTemplate jdbc, DataSource dataSource, BillingMetrics metrics, ReportDecks decks,
			AccountRepository accounts) throws MetaDataAccessException {
		boolean h2 = DatabaseType.fromMetaData(dataSource) == DatabaseType.H2;
		return new RangeRater(Ratings.of(reports.toBill(new ReportVersion(reportId, version)), decks, accounts, jdbc,
				dataSource, h2), dataSource, metrics);
	}

	@Bean
	@StepScope
	BillingFileTasklet billingFileTasklet(@Value(REPORT_ID) String reportId, @Value(VERSION) int version,
			ReportDefinitions reports, AccountRepository accounts, CustomerRepository customers,
			PhoneNumberRepository phoneNumbers, BillingRowRepository rows, StatementRepository statements,
			BillingFiles files, Clock clock, ReportDecks decks, VersionInputs inputs) {
		return new BillingFileTasklet(reports.toBill(new ReportVersion(reportId, version)), accounts, customers,
				phoneNumbers, rows, statements, files, clock, decks, inputs);
	}

}
