package org.billingreports.statement;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The documents of a report ({@code billing.statements.*}).
 * @param callsPerSheet calls on one sheet of a workbook before the next begins; the default fills a
 * sheet to the format's limit (1,048,576 rows, one of them the header)
 */
@ConfigurationProperties("billing.statements")
public record StatementProperties(@DefaultValue("1048575") int callsPerSheet) {

	/** A sheet holds at most this many rows, the header one of them. */
	static final int MAX_ROWS = 1_048_576;

	public StatementProperties {
		if (callsPerSheet < 1 || callsPerSheet > MAX_ROWS - 1) {
			throw new IllegalArgumentException("billing.statements.calls-per-sheet must be between 1 and "
					+ (MAX_ROWS - 1) + ", not " + callsPerSheet);
		}
	}

}
