package org.billingreports.calls;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.billingreports.kernel.Sha256;

/** What the switch formats share: record identity, caller names, free text. */
final class SwitchLines {

	private static final Pattern CALLER_ID = Pattern.compile("\\s*\"?(.*?)\"?\\s*<([^>]*)>\\s*");

	private static final int MAX_NAME = 200;

	private SwitchLines() {
	}

	/**
	 * An identity from the line's own content, for records without an id of their own: the same line
	 * imported again is the same record, and is stored once.
	 * @param length how many hex digits to keep (16 give 64 bits)
	 */
	static String contentHash(CsvLine line, int length) {
		return Sha256.hex(String.join("\u0000", line.fields())).substring(0, length);
	}

	/** The name of a caller id such as {@code "Alice" <1001>}; free text, never a reason to reject a line. */
	static String callerName(String callerId) {
		if (callerId == null || callerId.isBlank()) {
			return null;
		}
		Matcher matcher = CALLER_ID.matcher(callerId);
		String name = matcher.matches() ? matcher.group(1) : callerId.strip();
		return text(name);
	}

	/**
	 * A FreeSWITCH leg's status, from a file or pushed: {@code completed} when answered with billed seconds,
	 * whatever the hangup cause ({@code NORMAL_CLEARING} with no answer is common); otherwise the hangup cause in
	 * lower case, e.g. {@code user_busy}, or {@code not-answered} without one.
	 */
	static String freeSwitchStatus(boolean answered, long billableSeconds, String hangupCause) {
		return (answered && billableSeconds > 0) ? "completed"
				: (hangupCause != null) ? hangupCause.toLowerCase(Locale.ROOT) : "not-answered";
	}

	/** Free text as stored: stripped, without control characters, cut to fit. */
	static String text(String value) {
		if (value == null) {
			return null;
		}
		String clean = value.replaceAll("\\p{Cntrl}", " ").strip();
		if (clean.isEmpty()) {
			return null;
		}
		return (clean.length() > MAX_NAME) ? clean.substring(0, MAX_NAME) : clean;
	}

}
