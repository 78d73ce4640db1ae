package org.billingreports.billingjob;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import org.billingreports.BillingReportsApplication;
import org.billingreports.support.Api;
import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same report, on the same data, by one partition and by four (with chunks and pages that do not
 * divide the ranges): the billing files are identical, byte for byte.
 */
class PartitionedRunsTest {

	private static final int CALLS = 311;

	@TempDir
	Path dataDir;

	@Test
	void oneAndFourPartitionsWriteIdenticalFiles() {
		Map<String, Object> request = Map.of("accountId", "parts", "startDate", "2026-07-01", "endDate",
				"2026-07-31", "includeCustomerIds", true);
		Run single;
		try (ConfigurableApplicationContext context = start(1)) {
			Fixtures fixtures = new Fixtures(api(context));
			fixtures.account("parts", "America/New_York", Map.of("base", Fixtures.item("3", "0", "0", 0),
					"outboundVoiceCalls", Fixtures.item("0.25", "1.3", "0.011", 20), "inboundVoiceCalls",
					Fixtures.item("0", "0", "0.007", 0), "outboundSmsMessages", Fixtures.item("0", "1.1", "0.005", 5),
					"inboundFaxes", Fixtures.item("0", "0", "0.05", 1)));
			for (String customer : List.of("a", "b", "c", "d", "e")) {
				fixtures.customer("parts-" + customer, "parts", customer.equals("e") ? "parts-a" : null,
						"Customer " + customer, null, null);
			}
			fixtures.importCalls("parts", calls());
			single = run(context, request);
		}
		Run partitioned;
		try (ConfigurableApplicationContext context = start(4)) {
			partitioned = run(context, request);
		}
		assertThat(single.partitions()).isEqualTo(1);
		assertThat(partitioned.partitions()).isEqualTo(4);
		assertThat(single.reads()).isEqualTo(CALLS);
		assertThat(partitioned.reads()).isEqualTo(CALLS);
		assertThat(partitioned.statusMessage()).isEqualTo(single.statusMessage())
			.startsWith("5 customers, " + CALLS + " calls");
		assertThat(new String(partitioned.file())).isEqualTo(new String(single.file()));
		assertThat(partitioned.file()).isEqualTo(single.file());
	}

	/** Every channel and direction, answered or not, spread over the month and the customers. */
	private static String calls() {
		StringBuilder csv = new StringBuilder(
				"callId,customerId,channel,direction,startTime,billableSeconds,status,carrierCost\n");
		String[] channels = { "voice", "voice", "sms", "fax", "voice" };
		for (int i = 0; i < CALLS; i++) {
			csv.append("p").append(i).append(",parts-").append("abcde".charAt(i % 5)).append(',')
				.append(channels[i % channels.length]).append(',').append((i % 3 == 0) ? "inbound" : "outbound")
				.append(",2026-07-").append(String.format("%02d", 1 + i % 31)).append("T12:00:00,").append(7 * i % 400)
				.append(',').append((i % 11 == 0) ? "no-answer" : "completed").append(",0.00").append(i % 97)
				.append('\n');
		}
		return csv.toString();
	}

	/** @param reads the call records the partitions rated, together: each once */
	private record Run(String statusMessage, byte[] file, long partitions, long reads) {
	}

	private static Run run(ConfigurableApplicationContext context, Map<String, Object> request) {
		Api api = api(context);
		JsonNode report = new Fixtures(api).runReport(request);
		assertThat(report.get("status").asString()).isEqualTo("Completed");
		JobExecution execution = context.getBean(JobRepository.class)
			.getJobExecution(Long.parseLong(report.get("jobId").asString()));
		List<StepExecution> partitions = execution.getStepExecutions()
			.stream()
			.filter(step -> step.getStepName().startsWith(BillingJob.PARTITION_STEP))
			.toList();
		return new Run(report.get("statusMessage").asString(),
				api.get("/reports/" + report.get("id").asString() + ".csv").bodyBytes(), partitions.size(),
				partitions.stream().mapToLong(step -> step.getExecutionContext().getLong(RangeRater.RATED, 0)).sum());
	}

	private ConfigurableApplicationContext start(int partitions) {
		List<String> settings = new ArrayList<>(List.of("--server.port=0", "--billing.data-dir=" + this.dataDir,
				"--spring.datasource.url=jdbc:h2:file:" + this.dataDir.resolve("billing")
						+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
				"--billing.jobs.billing-report.partitions=" + partitions, "--billing.jobs.billing-report.chunk-size=7"));
		return new SpringApplicationBuilder(BillingReportsApplication.class).profiles("test")
			.run(settings.toArray(String[]::new));
	}

	private static Api api(ConfigurableApplicationContext context) {
		return new Api(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")))
			.as(ApiTestSupport.ADMIN, ApiTestSupport.ADMIN_PASSWORD);
	}

}
