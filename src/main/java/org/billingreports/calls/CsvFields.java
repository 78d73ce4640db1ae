package org.billingreports.calls;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV record (RFC 4180, as commons-csv's {@code RFC4180} format reads it) into its fields,
 * without a parser object per line: a field that starts with a quote runs to the closing quote, with
 * {@code ""} for a quote inside it (and may hold line breaks); any other field runs to the next
 * delimiter, quotes in it kept as they are. A quoted field must end the record or be followed by the
 * delimiter (blanks between them are dropped).
 */
final class CsvFields {

	private static final char QUOTE = '"';

	private CsvFields() {
	}

	/** @throws IllegalArgumentException when the quoting is broken, saying how */
	static List<String> split(String record, char delimiter) {
		List<String> fields = new ArrayList<>();
		int length = record.length();
		int position = 0;
		while (true) {
			if (position < length && record.charAt(position) == QUOTE) {
				StringBuilder field = new StringBuilder();
				int i = position + 1;
				while (true) {
					if (i >= length) {
						throw new IllegalArgumentException("a quoted field is not closed");
					}
					char c = record.charAt(i);
					if (c == QUOTE) {
						if (i + 1 < length && record.charAt(i + 1) == QUOTE) {
							field.append(QUOTE);
							i += 2;
							continue;
						}
						break;
					}
					field.append(c);
					i++;
				}
				fields.add(field.toString());
				position = i + 1;
				// Blanks between the closing quote and the delimiter are dropped, as commons-csv drops them.
				while (position < length && record.charAt(position) != delimiter
						&& Character.isWhitespace(record.charAt(position))) {
					position++;
				}
				if (position == length) {
					return fields;
				}
				if (record.charAt(position) != delimiter) {
					throw new IllegalArgumentException("a character follows a quoted field's closing quote at column "
							+ (position + 1));
				}
				position++;
			}
			else {
				int end = record.indexOf(delimiter, position);
				if (end < 0) {
					fields.add(record.substring(position));
					return fields;
				}
				fields.add(record.substring(position, end));
				position = end + 1;
			}
		}
	}

}
