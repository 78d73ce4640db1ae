package org.billingreports.calls;

import java.util.List;

/**
 * One record of a CSV file: its fields, where it starts, and its text for error reports.
 *
 * @param lineNumber the 1-based line the record starts on (a quoted field may span lines)
 */
public record CsvLine(long lineNumber, List<String> fields, String text) {
}
