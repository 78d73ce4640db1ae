package org.billingreports.calls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A generated file of 1,000,000 Asterisk records, imported by the command line in a JVM limited to
 * 256 MB of heap: the file is streamed, never held, and every record is stored exactly once.
 */
class MillionAsteriskRecordsTest {

	private static final long RECORDS = 1_000_000;

	@TempDir
	Path dir;

	@Test
	void aMillionRecordsImportedWithA256MegabyteHeap() throws Exception {
		Path file = this.dir.resolve("Master.csv");
		AsteriskLines.write(file, RECORDS);
		Path data = this.dir.resolve("data");
		Path log = this.dir.resolve("import.log");
		Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx256m", "-cp", System.getProperty("java.class.path"), "org.billingreports.BillingReportsApplication",
				"import", file.toString(), "--account=demo", "--format=asterisk", "--time-zone=UTC",
				"--default-customer=acme", "--spring.profiles.active=demo", "--billing.data-dir=" + data))
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		boolean ended = process.waitFor(20, TimeUnit.MINUTES);
		if (!ended) {
			process.destroyForcibly();
		}
		String output = Files.readString(log);
		assertThat(ended).as(output).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).contains("Completed: Imported 1000000 of 1000000 call records; 0 duplicates, 0 rejected");

		long billableSeconds = LongStream.rangeClosed(1, RECORDS).filter(AsteriskLines::billable).map(i -> 1 + i % 600)
			.sum();
		try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("billing")
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "");
				ResultSet counts = connection.createStatement()
					.executeQuery("SELECT COUNT(*), COUNT(DISTINCT call_id), "
							+ "SUM(CASE WHEN status = 'completed' THEN 1 ELSE 0 END), "
							+ "SUM(CASE WHEN status = 'completed' THEN billable_seconds ELSE 0 END) "
							+ "FROM call_record WHERE account_id = 'demo' AND call_id LIKE '1772323200.%'")) {
			counts.next();
			assertThat(counts.getLong(1)).isEqualTo(RECORDS);
			assertThat(counts.getLong(2)).isEqualTo(RECORDS);
			assertThat(counts.getLong(3)).isEqualTo(RECORDS * 3 / 4);
			assertThat(counts.getLong(4)).isEqualTo(billableSeconds);
		}
	}

}
