package org.billingreports.report;

import java.util.ArrayList;
import java.util.List;

import org.springframework.web.util.HtmlUtils;

import org.billingreports.batch.ExecutionStatus;
import org.billingreports.billingjob.ReportData;
import org.billingreports.notifications.MailContent;

/** The mail that tells of a report's end: subject, plain text and HTML, written from its payload. */
final class ReportMail {

	private ReportMail() {
	}

	static MailContent of(NotificationPayload payload, String restartUrl) {
		ReportInfo report = payload.report();
		boolean completed = report.status() == ExecutionStatus.Completed;
		String subject = "Billing report " + report.name() + ": " + report.status();
		List<String[]> facts = new ArrayList<>();
		facts.add(new String[] { "Account", report.accountId() });
		facts.add(new String[] { "Period", report.startDate() + " to " + report.endDate() });
		facts.add(new String[] { completed ? "Summary" : "Reason", report.statusMessage() });
		StringBuilder text = new StringBuilder();
		text.append("The billing report \"").append(report.name()).append("\" ")
			.append(completed ? "is complete." : "ended in Error.").append("\n\n");
		for (String[] fact : facts) {
			text.append(String.format("%-9s %s%n", fact[0] + ":", fact[1]));
		}
		StringBuilder html = new StringBuilder("<html><body style=\"font-family:sans-serif\">");
		html.append("<p>The billing report <b>").append(escape(report.name())).append("</b> ")
			.append(completed ? "is complete." : "ended in <b>Error</b>.").append("</p><table>");
		for (String[] fact : facts) {
			html.append("<tr><th align=\"left\">").append(fact[0]).append("</th><td>").append(escape(fact[1]))
				.append("</td></tr>");
		}
		html.append("</table>");
		if (completed) {
			text.append("\nDownload the billing file:\n").append(report.downloadLink()).append("\n");
			html.append("<p><a href=\"").append(escape(report.downloadLink()))
				.append("\">Download the billing file</a></p>");
			appendCustomerTotals(payload.data(), html);
		}
		else {
			text.append("\nOnce the cause is fixed, restart the report:\n  POST ").append(restartUrl).append("\n");
			html.append("<p>Once the cause is fixed, restart the report: <code>POST ").append(escape(restartUrl))
				.append("</code></p>");
		}
		text.append("\nReport id: ").append(report.id()).append("\n");
		html.append("<p style=\"color:#666\">Report id: ").append(escape(report.id())).append("</p></body></html>");
		return new MailContent(subject, text.toString(), html.toString());
	}

	private static void appendCustomerTotals(ReportData data, StringBuilder html) {
		if (data == null || data.customers().isEmpty()) {
			return;
		}
		html.append("<table border=\"1\" cellpadding=\"4\" style=\"border-collapse:collapse\">")
			.append("<tr><th>Customer</th><th>Total</th></tr>");
		for (ReportData.CustomerData customer : data.customers()) {
			html.append("<tr><td>").append(escape(customer.customerName())).append("</td><td align=\"right\">")
				.append(customer.total().toPlainString()).append("</td></tr>");
		}
		html.append("<tr><th align=\"left\">Total</th><th align=\"right\">").append(data.total().toPlainString())
			.append(' ').append(escape(data.currency())).append("</th></tr></table>");
	}

	private static String escape(String text) {
		return (text != null) ? HtmlUtils.htmlEscape(text) : "";
	}

}
