package org.billingreports.report;

import java.util.List;

import org.billingreports.batch.ExecutionStatus;
import org.billingreports.notifications.NotificationInfo;
import org.billingreports.ratedecks.ReportDecks;

/**
 * Evo's {@code ReportInfo}, plus the workbook's link, the request's account and period so that a
 * listing is readable, {@code scheduled} for a nightly run, its versions and whether it is out of date,
 * and (for one report) the state of its notifications and the rate decks it rated with (versions fixed
 * when it first rated; not shown to a Customer user). Absent values are omitted from the JSON.
 *
 * @param version the version shown: the newest completed one, else the newest, unless one was asked for
 * @param versions how many versions the report has
 * @param latestVersion a newer version than the one shown (queued, running or failed), if there is one
 * @param latestStatus that newer version's status
 * @param outOfDate whether what the shown version billed has changed since it ran (see
 * {@code outOfDateReasons})
 */
public record ReportInfo(String id, String name, ExecutionStatus status, String statusMessage, String dateCreated,
		String dateUpdated, String downloadLink, String workbookLink, String jobId, String emailAddressToNotify,
		String server, String accountId, String startDate, String endDate, Boolean includeCustomerIds,
		Boolean scheduled, int version, int versions, Integer latestVersion, ExecutionStatus latestStatus,
		boolean outOfDate, List<OutOfDateReason> outOfDateReasons, List<NotificationInfo> notifications,
		List<ReportDecks.UsedDeck> rateDecks) {

	ReportInfo withDetails(List<NotificationInfo> notifications, List<ReportDecks.UsedDeck> rateDecks) {
		return new ReportInfo(this.id, this.name, this.status, this.statusMessage, this.dateCreated, this.dateUpdated,
				this.downloadLink, this.workbookLink, this.jobId, this.emailAddressToNotify, this.server, this.accountId,
				this.startDate, this.endDate, this.includeCustomerIds, this.scheduled, this.version, this.versions,
				this.latestVersion, this.latestStatus, this.outOfDate, this.outOfDateReasons, notifications, rateDecks);
	}

}
