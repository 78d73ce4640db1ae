package org.billingreports.partitioning;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import org.billingreports.BillingReportsApplication;
import org.billingreports.billingjob.BillingJob;
import org.billingreports.billingjob.Partitions;
import org.billingreports.support.Api;
import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;
import org.billingreports.support.PostgresTestDatabase;
import org.billingreports.support.RabbitMqAvailable;
import org.billingreports.support.ServiceProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.billingreports.support.Fixtures.ok;

/**
 * Remote partitioning on this machine's RabbitMQ and PostgreSQL: a manager (this JVM) and two worker
 * JVMs. The report's file equals the local mode's, byte for byte, and both workers ran partitions. A
 * worker killed with SIGKILL mid-partition leaves the report in Error, naming the partition; a
 * restart completes it on the other worker, to the same file, with no billing row twice.
 */
@ExtendWith({ PostgresTestDatabase.class, RabbitMqAvailable.class })
class RemotePartitioningTest {

	private static final int CALLS = 240_000;

	private static final Map<String, Object> REQUEST = Map.of("accountId", "acc", "startDate", "2026-07-01",
			"endDate", "2026-07-31", "includeCustomerIds", true);

	@TempDir
	Path dataDir;

	private final String queue = "billing.partitions.test-" + UUID.randomUUID();

	private PostgresTestDatabase.Schema schema;

	private final List<ServiceProcess> workers = new ArrayList<>();

	private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	@AfterEach
	void stop() throws InterruptedException {
		for (ServiceProcess worker : this.workers) {
			worker.close();
		}
		if (!this.nodes.isEmpty()) {
			this.nodes.get(0).getBean(AmqpAdmin.class).deleteQueue(this.queue);
		}
		this.nodes.forEach(ConfigurableApplicationContext::close);
		if (this.schema != null) {
			this.schema.close();
		}
	}

	@Test
	void workersRunThePartitionsAndAKilledWorkersPartitionIsRestartedOnTheOther() throws Exception {
		this.schema = PostgresTestDatabase.Schema.create();
		ServiceProcess first = worker("worker-1");
		ServiceProcess second = worker("worker-2");
		ConfigurableApplicationContext manager = node("manager", "remote");
		Api api = api(manager);
		Fixtures fixtures = new Fixtures(api);
		fixtures.accountWithFiveCustomers("acc");
		this.schema.insertCalls("acc", CALLS);

		JsonNode remote = fixtures.runReport(REQUEST);
		assertThat(remote.get("status").asString()).as(remote.toString()).isEqualTo("Completed");
		assertThat(remote.get("server").asString()).isEqualTo("manager");
		assertThat(partitionNodes(manager, remote)).hasSize(4).containsOnly("worker-1", "worker-2")
			.contains("worker-1", "worker-2");
		byte[] file = api.get("/reports/" + remote.get("id").asString() + ".csv").bodyBytes();

		assertThat(file).isEqualTo(localModeFile());

		// Killed in the middle of a partition it committed chunks of.
		String killed = ok(api.post("/reports/billing", REQUEST)).get("id").asString();
		JobRepository jobs = manager.getBean(JobRepository.class);
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
			JsonNode report = ok(api.get("/reports/" + killed));
			return report.has("jobId") && partitions(jobs, report).stream()
				.anyMatch(partition -> "worker-1".equals(node(partition))
						&& partition.getStatus().isRunning()
						&& partition.getExecutionContext().getLong("rating.rated", 0) >= 1000);
		});
		first.kill();
		this.workers.remove(first);

		JsonNode failed = new Fixtures(api).awaitEnd(killed);
		assertThat(failed.get("status").asString()).isEqualTo("Error");
		assertThat(failed.get("statusMessage").asString())
			.matches("Rating call records failed: partition\\d on worker-1: the worker worker-1 stopped answering.*"
					+ "\\. Restart the report once the cause is fixed\\.");

		ok(api.post("/reports/" + killed + "/restart", ""));
		JsonNode restarted = new Fixtures(api).awaitEnd(killed);
		assertThat(restarted.get("status").asString()).as(restarted.toString()).isEqualTo("Completed");
		assertThat(partitionNodes(manager, restarted)).as("only the killed partition runs again")
			.containsExactly("worker-2");
		assertThat(api.get("/reports/" + killed + ".csv").bodyBytes()).isEqualTo(file);
		assertThat(this.schema.billingRows(killed)).isEqualTo(new PostgresTestDatabase.Schema.BillingRows(CALLS, CALLS));
		assertThat(second.log()).doesNotContain("ERROR");
	}

	@Test
	void aKilledManagersReportIsRecoveredByAnotherNodeAndRestartedThere() throws Exception {
		this.schema = PostgresTestDatabase.Schema.create();
		worker("worker-1");
		ServiceProcess manager = ServiceProcess.start(this.dataDir, "manager", settings("remote"));
		this.workers.add(manager);
		new Fixtures(manager.api()).accountWithFiveCustomers("acc");
		this.schema.insertCalls("acc", CALLS);

		// Killed while worker-1 is in the middle of a partition it committed chunks of.
		String killed = ok(manager.api().post("/reports/billing", REQUEST)).get("id").asString();
		Pattern progress = Pattern.compile("Rated (\\d+) of " + CALLS + " call records; 0 of 4 partitions done");
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
			Matcher matcher = progress.matcher(ok(manager.api().get("/reports/" + killed)).get("statusMessage").asString());
			return matcher.matches() && Long.parseLong(matcher.group(1)) >= 1000;
		});
		manager.kill();

		ConfigurableApplicationContext survivor = node("survivor", "remote", "--billing.partitioning.worker=true");
		Api api = api(survivor);
		JsonNode failed = new Fixtures(api).awaitEnd(killed);
		assertThat(failed.get("status").asString()).isEqualTo("Error");
		assertThat(failed.get("statusMessage").asString())
			.isEqualTo("The server manager running this stopped responding; restart it");

		ok(api.post("/reports/" + killed + "/restart", ""));
		JsonNode restarted = new Fixtures(api).awaitEnd(killed);
		assertThat(restarted.get("status").asString()).as(restarted.toString()).isEqualTo("Completed");
		assertThat(restarted.get("server").asString()).isEqualTo("survivor");
		assertThat(api.get("/reports/" + killed + ".csv").bodyBytes()).isEqualTo(localModeFile());
		assertThat(this.schema.billingRows(killed)).isEqualTo(new PostgresTestDatabase.Schema.BillingRows(CALLS, CALLS));
	}

	/** The same report's file from a node that runs its partitions itself. */
	private byte[] localModeFile() {
		try (ConfigurableApplicationContext alone = node("alone", "local")) {
			JsonNode report = new Fixtures(api(alone)).runReport(REQUEST);
			assertThat(partitionNodes(alone, report)).containsOnly("alone");
			return api(alone).get("/reports/" + report.get("id").asString() + ".csv").bodyBytes();
		}
	}

	@Test
	void partitionsNoWorkerTookInTimeFailTheReportByName() throws Exception {
		this.schema = PostgresTestDatabase.Schema.create();
		ConfigurableApplicationContext manager = node("manager", "remote", "--billing.partitioning.timeout=2s",
				"--billing.jobs.billing-report.partitions=2");
		Fixtures fixtures = new Fixtures(api(manager));
		fixtures.accountWithFiveCustomers("acc");
		this.schema.insertCalls("acc", 10);

		assertThat(ok(api(manager).get("/actuator/health")).at("/components/rabbit/status").asString())
			.as("the broker is part of a remote node's health").isEqualTo("UP");

		JsonNode report = fixtures.runReport(REQUEST);

		assertThat(report.get("status").asString()).isEqualTo("Error");
		assertThat(report.get("statusMessage").asString()).isEqualTo("Rating call records failed: "
				+ "partition0: no worker took it in time; partition1: no worker took it in time. "
				+ "Restart the report once the cause is fixed.");
	}

	/** The nodes that ran the partitions of the report's (latest) execution. */
	private static List<String> partitionNodes(ConfigurableApplicationContext node, JsonNode report) {
		return partitions(node.getBean(JobRepository.class), report).stream()
			.map(RemotePartitioningTest::node)
			.toList();
	}

	private static List<StepExecution> partitions(JobRepository jobs, JsonNode report) {
		return jobs.getJobExecution(Long.parseLong(report.get("jobId").asString()))
			.getStepExecutions()
			.stream()
			.filter(BillingJob::isPartition)
			.toList();
	}

	private static String node(StepExecution partition) {
		return partition.getExecutionContext().getString(Partitions.NODE, null);
	}

	private ServiceProcess worker(String name) throws Exception {
		List<String> settings = new ArrayList<>(settings("remote"));
		settings.addAll(List.of("--billing.partitioning.worker=true", "--billing.partitioning.worker-threads=1"));
		ServiceProcess worker = ServiceProcess.start(this.dataDir, name, settings);
		this.workers.add(worker);
		return worker;
	}

	/** A node in this JVM: the manager (remote mode), or one that runs its partitions itself (local). */
	private ConfigurableApplicationContext node(String name, String mode, String... overrides) {
		List<String> settings = new ArrayList<>(settings(mode));
		settings.addAll(List.of("--server.port=0", "--billing.node-name=" + name,
				"--billing.data-dir=" + this.dataDir.resolve(name)));
		for (String override : overrides) {
			settings.removeIf(setting -> setting.startsWith(override.substring(0, override.indexOf('=') + 1)));
			settings.add(override);
		}
		ConfigurableApplicationContext context = new SpringApplicationBuilder(BillingReportsApplication.class)
			.profiles("test")
			.run(settings.toArray(String[]::new));
		if (mode.equals("remote")) {
			this.nodes.add(context);
		}
		return context;
	}

	/** Every node's: the database, RabbitMQ, four partitions of small chunks, quick recovery. */
	private List<String> settings(String mode) {
		List<String> settings = new ArrayList<>(List.of("--billing.partitioning.mode=" + mode,
				"--billing.partitioning.queue=" + this.queue, "--billing.jobs.billing-report.partitions=4",
				"--billing.jobs.billing-report.chunk-size=500",
				"--billing.recovery.heartbeat-interval=1s", "--billing.recovery.stale-after=5s",
				"--billing.recovery.sweep-interval=1s"));
		settings.addAll(this.schema.arguments());
		settings.addAll(Arrays.asList(RabbitMqAvailable.arguments()));
		return settings;
	}

	private static Api api(ConfigurableApplicationContext context) {
		return new Api(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")))
			.as(ApiTestSupport.ADMIN, ApiTestSupport.ADMIN_PASSWORD);
	}

}
