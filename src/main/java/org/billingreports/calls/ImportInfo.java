package org.billingreports.calls;

import java.util.List;

import org.billingreports.batch.ExecutionStatus;

/**
 * An import as the API shows it: where it stands (the same statuses as reports) and what became of
 * its lines. {@code read} = {@code imported} + {@code corrected} + {@code duplicates} + {@code rejected}.
 *
 * @param onDuplicate {@code skip} or {@code replace}: what it does with a line stored before with other values
 * @param imported new calls stored
 * @param corrected lines stored as a new revision of a call stored before ({@code onDuplicate=replace})
 * @param duplicates lines of calls stored before, left as they were
 */
public record ImportInfo(String id, String accountId, String format, String timeZoneId, String defaultCustomerId,
		String onDuplicate, String fileName, ExecutionStatus status, String statusMessage, String jobId, long read,
		long imported, long corrected, long duplicates, long rejected, CustomersFound customersFoundBy,
		List<Rejection> rejections, String dateCreated) {

	/**
	 * How the valid lines' customers were found (see the import's order): by the customer or account code
	 * a line names, by one of the account's numbers, or as the import's default customer.
	 */
	public record CustomersFound(long accountCode, long number, long defaultCustomer) {
	}

	/** A line that was not imported, and why. */
	public record Rejection(long lineNumber, String reason, String line) {
	}

}
