package org.billingreports.report;

import org.billingreports.batch.ExecutionStatus;

/**
 * Evo's {@code ReportInfo}, plus the request's account and period so that a listing is readable.
 * Absent values are omitted from the JSON.
 */
public record ReportInfo(String id, String name, ExecutionStatus status, String statusMessage, String dateCreated,
		String dateUpdated, String downloadLink, String jobId, String emailAddressToNotify, String server,
		String accountId, String startDate, String endDate, Boolean includeCustomerIds) {
}
