package org.billingreports.monitoring;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import org.billingreports.support.Api;
import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;
import org.billingreports.support.ServiceProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each log line of a job carries the report's id and the job execution's id: in the text layout, as
 * {@code [reportId #jobExecutionId]}, on the job's thread and on its partitions'; and in JSON logs
 * (ECS) as fields, with secrets masked as in the text layout.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "logging.level.org.springframework.batch=info")
class JobLogsTest extends ApiTestSupport {

	@TempDir
	Path dataDir;

	@Test
	void aReportsLogLinesNameItAndItsExecution(CapturedOutput output) {
		JsonNode report = runReport(admin());
		String context = "[" + report.get("id").asString() + " #" + report.get("jobId").asString() + "] ";

		assertThat(output.getOut().lines().filter(line -> line.contains(context)))
			.anyMatch(line -> line.contains("Executing step: [rateCallsStep]"))
			.anyMatch(line -> line.contains("Step: [rateCallsStep-partition:partition0] executed"))
			.anyMatch(line -> line.contains("Step: [rateCallsStep-partition:partition1] executed"))
			.anyMatch(line -> line.contains("Job: [SimpleJob: [name=billingReportJob]] completed"));
		assertThat(output.getOut().lines().filter(line -> line.contains("Started BillingReportsApplication")))
			.as("lines of no job carry no context")
			.allMatch(line -> !line.contains(" #"));
	}

	@Test
	void jsonLogsCarryTheSameFieldsAndMaskSecrets() throws Exception {
		try (ServiceProcess node = ServiceProcess.start(this.dataDir, "json-logs",
				List.of("--logging.structured.format.console=ecs", "--logging.level.org.springframework.batch=info",
						"--logging.level.org.springframework.web=debug"))) {
			JsonNode report = runReport(node.api());
			String token = report.get("downloadLink").asString().replaceAll(".*token=", "");
			assertThat(node.api().get("/reports/" + report.get("id").asString() + ".csv?token=" + token).status())
				.isEqualTo(200);

			List<JsonNode> lines = node.log()
				.lines()
				.filter(line -> line.startsWith("{"))
				.map(line -> Api.JSON.readTree(line))
				.toList();
			assertThat(lines).filteredOn(line -> report.get("id").asString().equals(line.path("reportId").asString()))
				.anyMatch(line -> line.path("jobExecutionId").asString().equals(report.get("jobId").asString())
						&& line.path("message").asString().contains("billingReportJob"));
			assertThat(node.log()).doesNotContain(token);
			assertThat(Pattern.compile("token=\\[redacted\\]").matcher(node.log()).find())
				.as("the download was logged, masked").isTrue();
		}
	}

	private JsonNode runReport(Api api) {
		String account = unique("logs");
		Fixtures fixtures = new Fixtures(api);
		fixtures.account(account, "UTC", Map.of("outboundVoiceCalls", Fixtures.item("0", "1", "0.01", 0)));
		fixtures.customer(account + "-c", account, null, "C", null, null);
		fixtures.importCalls(account, String.join("\n",
				"callId,customerId,channel,direction,from,to,startTime,answerTime,endTime,durationSeconds,"
						+ "billableSeconds,status,carrierCost",
				"l1," + account + "-c,voice,outbound,+1555,+1666,2026-07-02T10:00:00Z,,,60,60,completed,0"));
		JsonNode report = fixtures
			.runReport(Map.of("accountId", account, "startDate", "2026-07-01", "endDate", "2026-07-31"));
		assertThat(report.get("status").asString()).isEqualTo("Completed");
		return report;
	}

}
