package org.billingreports.statement;

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

	private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?");

	private SafeText() {
	}

	/** For any text cell. */
	static String cell(String text) {
		return (text == null) ? null : BIDI_CONTROLS.matcher(text).replaceAll("");
	}

	/**
	 * For a text field of a CSV file. A plain number such as the phone number {@code +15551234567} or
	 * {@code -5} stays as it is: a spreadsheet shows it as a number, nothing runs, and a program reading
	 * the file gets it unchanged.
	 */
	static String csv(String text) {
		String cell = cell(text);
		if (cell == null || cell.isEmpty() || PLAIN_NUMBER.matcher(cell).matches()) {
			return cell;
		}
		char first = cell.charAt(0);
		return (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r')
				? "'" + cell : cell;
	}

}
