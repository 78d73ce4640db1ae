package org.billingreports.report;

import org.billingreports.statement.ReportData;

/**
 * What a webhook receives (SPEC section 9), and what a mail is written from: the report as it stood
 * when its job ended and, when it completed, its lines and totals.
 */
record NotificationPayload(ReportInfo report, ReportData data) {
}
