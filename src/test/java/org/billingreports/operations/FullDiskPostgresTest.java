package org.billingreports.operations;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;

import org.billingreports.support.Api;
import org.billingreports.support.ApiResponse;
import org.billingreports.support.Fixtures;
import org.billingreports.support.Nodes;
import org.billingreports.support.PostgresTestDatabase;
import org.billingreports.support.SmallDisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.billingreports.support.Fixtures.ok;

/**
 * The data folder on a small tmpfs, filled up while the service writes a billing file, makes one
 * again for a download, or spools an upload: the report fails with a reason a person can act on,
 * no partial file is left or served, nothing is stored twice, and once space is freed a restart
 * completes with the file of an uninterrupted run.
 */
@Tag("postgres")
@ExtendWith({ PostgresTestDatabase.class, SmallDisk.Available.class })
class FullDiskPostgresTest {

	private static final String ACCOUNT = "full-disk";

	private static final int CALLS = 2_000;

	private PostgresTestDatabase.Schema schema;

	private SmallDisk disk;

	private ConfigurableApplicationContext node;

	private Api admin;

	private Fixtures fixtures;

	@BeforeEach
	void start() throws Exception {
		this.schema = PostgresTestDatabase.Schema.create();
		this.disk = SmallDisk.mount(4);
		List<String> settings = new ArrayList<>(this.schema.arguments());
		settings.add("--billing.data-dir=" + this.disk.folder());
		this.node = Nodes.start("full-disk", settings);
		this.admin = Nodes.admin(this.node);
		this.fixtures = new Fixtures(this.admin);
		this.fixtures.accountWithFiveCustomers(ACCOUNT);
		this.schema.insertCalls(ACCOUNT, CALLS);
	}

	@AfterEach
	void stop() throws Exception {
		if (this.node != null) {
			this.node.close();
		}
		if (this.disk != null) {
			this.disk.close();
		}
		if (this.schema != null) {
			this.schema.close();
		}
	}

	private static Map<String, Object> july() {
		return Map.of("accountId", ACCOUNT, "startDate", "2026-07-01", "endDate", "2026-07-31", "includeCustomerIds",
				true);
	}

	@Test
	void aFullDiskFailsTheFileReadablyLeavesNoPartOfItAndARestartAfterwardsCompletes() throws Exception {
		JsonNode clean = this.fixtures.runReport(july());
		String cleanId = clean.get("id").asString();
		String expected = this.admin.get("/reports/" + cleanId + ".csv").body();

		this.disk.fill();
		String id = ok(this.admin.post("/reports/billing", july())).get("id").asString();
		JsonNode failed = this.fixtures.awaitEnd(id);
		assertThat(failed.get("status").asString()).isEqualTo("Error");
		assertThat(failed.get("statusMessage").asString()).contains("No space left on device")
			.doesNotContain("Exception")
			.doesNotContain("\tat ");
		assertThat(filesOf(id)).as("no partial file, no temporary file").isEmpty();
		assertThat(this.admin.get("/reports/" + id + ".csv").status()).as("nothing is served").isNotEqualTo(200);
		assertThat(this.schema.billingRows(id).rows()).as("the rating was committed before the file failed")
			.isEqualTo(CALLS);

		this.disk.free();
		assertThat(this.admin.post("/reports/" + id + "/restart", "").status()).isEqualTo(200);
		assertThat(this.fixtures.awaitEnd(id).get("status").asString()).isEqualTo("Completed");
		assertThat(this.admin.get("/reports/" + id + ".csv").body()).isEqualTo(expected);
		PostgresTestDatabase.Schema.BillingRows rows = this.schema.billingRows(id);
		assertThat(rows.rows()).as("billing rows").isEqualTo(CALLS);
		assertThat(rows.callRecords()).as("each call once").isEqualTo(CALLS);
	}

	@Test
	void aFileThatCannotBeMadeAgainOnAFullDiskIsA507AndServedOnceThereIsRoom() throws Exception {
		String id = this.fixtures.runReport(july()).get("id").asString();
		String expected = this.admin.get("/reports/" + id + ".csv").body();
		long free = Files.getFileStore(reports()).getUsableSpace();
		Files.delete(reports().resolve(id + ".csv"));
		// Its space comes back when the download that read it has closed it, which may be a moment later.
		await().until(() -> Files.getFileStore(reports()).getUsableSpace() > free);

		this.disk.fill();
		for (String format : List.of(".csv", ".xlsx")) {
			ApiResponse refused = this.admin.get("/reports/" + id + format);
			assertThat(refused.status()).as(refused.body()).isEqualTo(507);
			assertThat(refused.json().at("/responseStatus/errorCode").asString()).isEqualTo("InsufficientStorage");
			assertThat(refused.json().at("/responseStatus/message").asString()).contains("No space left on device");
		}
		assertThat(filesOf(id)).as("no partial file, no temporary file").isEmpty();

		this.disk.free();
		assertThat(this.admin.get("/reports/" + id + ".csv").body()).isEqualTo(expected);
		assertThat(this.admin.get("/reports/" + id + ".xlsx").status()).isEqualTo(200);
	}

	@Test
	void anUploadThatDoesNotFitIsA507AndLeavesNothingBehind() throws Exception {
		StringBuilder file = new StringBuilder("callId,customerId,channel,direction,from,to,startTime,answerTime,"
				+ "endTime,durationSeconds,billableSeconds,status,carrierCost");
		for (int i = 0; i < 5_000; i++) {
			file.append("\nup-").append(i).append(",c").append(i % 5)
				.append(",voice,outbound,+1,+2,2026-08-02T10:00:00Z,,,60,60,completed,0.01");
		}
		this.disk.fill();
		ApiResponse refused = this.admin.send("POST", "/calls/import?accountId=" + ACCOUNT, "text/csv", file.toString());
		assertThat(refused.status()).as(refused.body()).isEqualTo(507);
		assertThat(refused.json().at("/responseStatus/errorCode").asString()).isEqualTo("InsufficientStorage");
		assertThat(refused.json().at("/responseStatus/message").asString()).contains("No space left on device");
		assertThat(filesIn(this.disk.folder().resolve("imports"))).as("no partial upload").isEmpty();
		assertThat(storedUploadedCalls()).isZero();

		this.disk.free();
		ApiResponse accepted = this.admin.send("POST", "/calls/import?accountId=" + ACCOUNT, "text/csv",
				file.toString());
		assertThat(accepted.status()).as(accepted.body()).isIn(200, 202);
		String importId = accepted.json().get("id").asString();
		await()
			.untilAsserted(() -> assertThat(ok(this.admin.get("/calls/imports/" + importId)).get("status").asString())
				.isEqualTo("Completed"));
		assertThat(storedUploadedCalls()).isEqualTo(5_000);
	}

	private Path reports() {
		return this.disk.folder().resolve("reports");
	}

	private List<Path> filesOf(String reportId) throws Exception {
		return filesIn(reports()).stream().filter(file -> file.getFileName().toString().startsWith(reportId)).toList();
	}

	private static List<Path> filesIn(Path folder) throws Exception {
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(folder)) {
			return files.toList();
		}
	}

	private long storedUploadedCalls() throws Exception {
		try (Connection connection = this.schema.connect(); Statement statement = connection.createStatement();
				ResultSet count = statement.executeQuery(
						"SELECT COUNT(*) FROM call_record WHERE account_id = '" + ACCOUNT + "' AND call_id LIKE 'up-%'")) {
			count.next();
			return count.getLong(1);
		}
	}

}
