package org.billingreports.calls;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.StringJoiner;

/**
 * Writes call records as Asterisk's {@code cdr_csv} does: strings double-quoted with a quote inside
 * doubled, numbers bare, an empty time as nothing at all ({@code ,,}).
 */
public final class AsteriskLines {

	/** Where generated calls start; call {@code i} starts {@code 2i} seconds later. */
	public static final LocalDateTime FIRST_START = LocalDateTime.of(2026, 3, 1, 0, 0);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private AsteriskLines() {
	}

	/** One line: a {@link String} quoted, a {@link Number} bare, {@code null} empty. */
	static String line(Object... fields) {
		StringJoiner line = new StringJoiner(",");
		for (Object field : fields) {
			if (field == null) {
				line.add("");
			}
			else if (field instanceof Number) {
				line.add(field.toString());
			}
			else {
				line.add("\"" + field.toString().replace("\"", "\"\"") + "\"");
			}
		}
		return line.toString();
	}

	/**
	 * The 21 fields of generated call {@code i}, as Asterisk writes them with {@code loguniqueid},
	 * {@code loguserfield} and {@code newcdrcolumns}: an extension calling out, from the default customer
	 * (empty account code); every fourth call unanswered, the others talking {@code 1 + i % 600} seconds.
	 */
	static Object[] fields(long i) {
		LocalDateTime start = FIRST_START.plusSeconds(2 * i);
		boolean answered = i % 4 != 0;
		long ring = 3 + i % 5;
		long talk = answered ? 1 + i % 600 : 0;
		String extension = String.valueOf(1000 + i % 9000);
		String outside = String.format("0049301%07d", i % 10_000_000);
		String uniqueId = "1772323200." + i;
		return new Object[] { "", extension, outside, "from-internal", "\"Ext " + extension + "\" <" + extension + ">",
				"SIP/" + extension + "-" + Long.toHexString(i), "SIP/trunk-" + Long.toHexString(i), "Dial",
				"SIP/trunk/" + outside + ",60", TIME.format(start), answered ? TIME.format(start.plusSeconds(ring)) : null,
				TIME.format(start.plusSeconds(ring + talk)), ring + talk, talk, answered ? "ANSWERED" : "NO ANSWER",
				"DOCUMENTATION", uniqueId, "", "", uniqueId, i };
	}

	static String call(long i) {
		return line(fields(i));
	}

	/** Whether generated call {@code i} is billable: answered and talking. */
	static boolean billable(long i) {
		return i % 4 != 0;
	}

	/** Writes calls 1 to {@code count}, streaming. */
	public static void write(Path file, long count) throws IOException {
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			for (long i = 1; i <= count; i++) {
				out.write(call(i));
				out.write('\n');
			}
		}
	}

}
