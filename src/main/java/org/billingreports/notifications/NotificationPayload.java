package org.billingreports.notifications;

import org.billingreports.billingjob.ReportData;
import org.billingreports.report.ReportInfo;

/**
 * What a webhook receives (SPEC section 9), and what a mail is written from: the report as it stood
 * when its job ended and, when it completed, its lines and totals.
 */
public record NotificationPayload(ReportInfo report, ReportData data) {
}
