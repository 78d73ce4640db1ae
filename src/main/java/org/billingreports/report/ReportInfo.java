package org.billingreports.report;

import java.util.List;

import org.billingreports.ratedecks.ReportDecks;

import org.billingreports.batch.ExecutionStatus;
import org.billingreports.notifications.NotificationInfo;

/**
 * Evo's {@code ReportInfo}, plus the workbook's link, the request's account and period so that a
 * listing is readable, {@code scheduled} for a nightly run, and (for one report) the state of its
 * notifications and the rate decks it rated with (versions fixed when it first rated; not shown to a
 * Customer user). Absent values are omitted from the JSON.
 */
public record ReportInfo(String id, String name, ExecutionStatus status, String statusMessage, String dateCreated,
		String dateUpdated, String downloadLink, String workbookLink, String jobId, String emailAddressToNotify,
		String server, String accountId, String startDate, String endDate, Boolean includeCustomerIds,
		Boolean scheduled, List<NotificationInfo> notifications, List<ReportDecks.UsedDeck> rateDecks) {

	ReportInfo withDetails(List<NotificationInfo> notifications, List<ReportDecks.UsedDeck> rateDecks) {
		return new ReportInfo(this.id, this.name, this.status, this.statusMessage, this.dateCreated, this.dateUpdated,
				this.downloadLink, this.workbookLink, this.jobId, this.emailAddressToNotify, this.server, this.accountId,
				this.startDate, this.endDate, this.includeCustomerIds, this.scheduled, notifications, rateDecks);
	}

}
