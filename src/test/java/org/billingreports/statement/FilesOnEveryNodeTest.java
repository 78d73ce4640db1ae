package org.billingreports.statement;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import org.billingreports.support.Api;
import org.billingreports.support.ApiResponse;
import org.billingreports.support.Fixtures;
import org.billingreports.support.MultiNodeTest;
import org.billingreports.support.Nodes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A report's files are served by every node of a database, not only by the one that ran the report:
 * a node without the file makes it again from the report's stored lines, byte for byte the same, CSV
 * and workbook alike; and so does a node that lost its copy. Here on one H2 file shared by two nodes;
 * {@link FilesOnEveryNodePostgresTest} does the same on PostgreSQL.
 */
class FilesOnEveryNodeTest extends MultiNodeTest {

	@Test
	void everyNodeServesEveryReportsFilesWithTheSameBytes() throws Exception {
		Path dataA = Files.createTempDirectory("node-a");
		Path dataB = Files.createTempDirectory("node-b");
		ConfigurableApplicationContext a = start("node-a", List.of("--billing.data-dir=" + dataA));
		ConfigurableApplicationContext b = start("node-b", List.of("--billing.data-dir=" + dataB));
		Api onA = Nodes.admin(a);
		Api onB = Nodes.admin(b);
		Fixtures fixtures = new Fixtures(onA);
		fixtures.account("files", "UTC", Map.of("base", Fixtures.item("2", "0", "0", 0), "outboundVoiceCalls",
				Fixtures.item("0", "1.25", "0.02", 0)));
		fixtures.customer("files-x", "files", null, "Xenon", null, null);
		fixtures.customer("files-y", "files", "files-x", "=Yttrium", null, null);
		fixtures.importCalls("files", String.join("\n",
				"callId,customerId,channel,direction,from,to,startTime,answerTime,endTime,durationSeconds,"
						+ "billableSeconds,status,carrierCost",
				"f1,files-x,voice,outbound,+1,+2,2026-07-02T10:00:00Z,,,61,61,completed,0.0123",
				"f2,files-y,voice,outbound,+1,+2,2026-07-03T10:00:00Z,,,30,30,completed,0.5"));
		String id = fixtures.runReport(Map.of("accountId", "files", "startDate", "2026-07-01", "endDate",
				"2026-07-31", "includeCustomerIds", true)).get("id").asString();

		// The download, and the name of the copy a node keeps in its reports folder.
		Map<String, String> formats = Map.of(".csv", ".csv", ".xlsx", ".v2.xlsx");
		for (Map.Entry<String, String> format : formats.entrySet()) {
			String copy = id + format.getValue();
			byte[] fromA = download(onA, id + format.getKey());
			assertThat(Files.exists(dataB.resolve("reports").resolve(copy))).as("B has no copy yet").isFalse();
			assertThat(download(onB, id + format.getKey())).as(format + " from the other node").isEqualTo(fromA);
			assertThat(Files.exists(dataB.resolve("reports").resolve(copy))).as("B keeps a copy").isTrue();
			Files.delete(dataA.resolve("reports").resolve(copy));
			assertThat(download(onA, id + format.getKey())).as(format + " made again where it was lost")
				.isEqualTo(fromA);
		}
	}

	private static byte[] download(Api api, String path) {
		ApiResponse response = api.get("/reports/" + path);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.bodyBytes();
	}

}
