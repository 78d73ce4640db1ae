package org.billingreports.billingjob;

import java.util.regex.Pattern;

/**
 * Text written into billing files, made safe for whoever opens them in a spreadsheet: a cell that
 * starts like a formula ({@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return) gets
 * a leading {@code '} in the CSV (OWASP's rule against CSV injection; the workbook writes text cells,
 * which are never evaluated), and bidirectional control characters, which can make a name read
 * backwards, are removed from every text cell of every format.
 */
final class SafeText {

	/** The Unicode bidi controls: embeddings, overrides, isolates and marks. */
	private static final Pattern BIDI_CONTROLS = Pattern.compile("[\\u202A-\\u202E\\u2066-\\u2069\\u200E\\u200F\\u061C]");

	private SafeText() {
	}

	/** For any text cell. */
	static String cell(String text) {
		return (text == null) ? null : BIDI_CONTROLS.matcher(text).replaceAll("");
	}

	/** For a text field of a CSV file. */
	static String csv(String text) {
		String cell = cell(text);
		if (cell == null || cell.isEmpty()) {
			return cell;
		}
		char first = cell.charAt(0);
		return (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r')
				? "'" + cell : cell;
	}

}
