package org.billingreports.report;

import java.util.List;

import org.billingreports.statement.ReportData;

/**
 * What a webhook receives ({@code api.md}, Notifications), and what a mail is written from: the report version as it
 * stood when its job ended and, when it completed, its lines and totals; for a {@code report.outOfDate}
 * event, the version as it stands and the kinds of reason that event announces.
 *
 * @param announced for {@code report.outOfDate}: the kinds it names, each announced once per version
 * @param madeBecause for the end of a version made by a rerun: the out-of-date reasons of the version
 * before it that made it
 */
record NotificationPayload(ReportInfo report, ReportData data, List<String> announced,
		List<OutOfDateReason> madeBecause) {

	NotificationPayload(ReportInfo report, ReportData data, List<String> announced) {
		this(report, data, announced, null);
	}

}
