package org.billingreports.calls;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.billingreports.support.ApiResponse;
import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.billingreports.support.Fixtures.ok;

/**
 * An import that fails part-way (here: a format that breaks once at one line, as a disk or database
 * would) is restarted after its last committed chunk, and stores every record exactly once.
 */
@Import(ImportRestartTest.FailingOnceFormat.class)
class ImportRestartTest extends ApiTestSupport {

	private static final int LINES = 14_000;

	/** In the fourth chunk of 1000: three chunks are committed before the failure. */
	private static final long FAILING_LINE = 12_200;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CallImportProperties settings;

	@Test
	void aFailedImportResumesAfterItsLastCommittedChunk() {
		String account = unique("restart");
		Fixtures fixtures = new Fixtures(admin());
		fixtures.account(account, "UTC", Map.of());
		fixtures.customer(account + "-c", account, null, "Customer", null, null);
		String file = "callId,customerId,channel,direction,startTime,status\n" + IntStream.rangeClosed(1, LINES)
			.mapToObj(i -> "r" + i + "," + account + "-c,sms,outbound,2026-07-01T10:00:00Z,completed")
			.collect(Collectors.joining("\n"));

		FailingOnceFormat.armed.set(true);
		JsonNode failed = ok(admin().send("POST", "/calls/import?accountId=" + account + "&format="
				+ FailingOnceFormat.NAME, "text/csv", file));
		assertThat(failed.get("status").asString()).isEqualTo("Error");
		assertThat(failed.get("statusMessage").asString())
			.isEqualTo("Reading the file failed: the disk went away at line " + FAILING_LINE);
		// The chunks before the failing line's, counting the header as line 1.
		long committed = (FAILING_LINE - 1) / this.settings.chunkSize() * this.settings.chunkSize();
		assertThat(committed).as("a chunk committed before the failure").isPositive();
		assertThat(storedCount(account)).isEqualTo(committed);

		ApiResponse restarted = admin().post("/calls/imports/" + failed.get("id").asString() + "/restart", null);
		assertThat(restarted.status()).as(restarted.body()).isEqualTo(202);
		JsonNode[] ended = new JsonNode[1];
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
			ended[0] = ok(admin().get(restarted.header("Location").replace(admin().base(), "")));
			assertThat(ended[0].get("status").asString()).isIn("Completed", "Error");
		});
		// Read once in all: the restart did not read the committed lines again.
		assertThat(ended[0].get("statusMessage").asString())
			.isEqualTo("Imported " + LINES + " of " + LINES + " call records; 0 duplicates, 0 rejected");
		assertThat(storedCount(account)).isEqualTo(LINES);
		assertThat(ended[0].get("jobId").asLong()).isNotEqualTo(failed.get("jobId").asLong());

		ApiResponse again = admin().post("/calls/imports/" + failed.get("id").asString() + "/restart", null);
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.json().get("responseStatus").get("message").asString())
			.endsWith("is Completed; only an import in Error can be restarted");
	}

	private long storedCount(String account) {
		return this.jdbc.sql("SELECT COUNT(*) FROM call_record WHERE account_id = ?")
			.param(account)
			.query(Long.class)
			.single();
	}

	/**
	 * The native format, failing once at {@link #FAILING_LINE} with an error that is no line's fault;
	 * imported into the test's application as one more format.
	 */
	static class FailingOnceFormat implements CallRecordFormat {

		static final String NAME = "native-failing-once";

		static final AtomicBoolean armed = new AtomicBoolean();

		private final NativeFormat formatItFails = new NativeFormat();

		@Override
		public String name() {
			return NAME;
		}

		@Override
		public boolean hasHeader() {
			return true;
		}

		@Override
		public CallLineParser parser(List<String> header) {
			CallLineParser parser = this.formatItFails.parser(header);
			return (line, context) -> {
				if (line.lineNumber() == FAILING_LINE && armed.compareAndSet(true, false)) {
					throw new IllegalStateException("the disk went away at line " + FAILING_LINE);
				}
				return parser.parse(line, context);
			};
		}

	}

}
