package org.billingreports.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.springframework.web.util.HtmlUtils;

import org.billingreports.batch.ExecutionStatus;
import org.billingreports.notifications.MailContent;
import org.billingreports.statement.ReportData;

/**
 * The mail that tells of a report's end: subject, plain text and HTML, written from its payload. A
 * completed report's mail carries its summary (account, period, currency, the subtotal of each
 * customer with lines, up to {@link #CUSTOMERS_SHOWN}, and the total) and links to the billing file
 * and the workbook.
 */
final class ReportMail {

	/** Customers listed in a mail; the rest are counted, and in the files. */
	static final int CUSTOMERS_SHOWN = 25;

	private ReportMail() {
	}

	static MailContent of(NotificationPayload payload, String restartUrl) {
		ReportInfo report = payload.report();
		ReportData data = payload.data();
		boolean completed = report.status() == ExecutionStatus.Completed;
		String subject = "Billing report " + report.name() + ": " + report.status();
		List<String[]> facts = new ArrayList<>();
		if (data != null) {
			facts.add(new String[] { "Account", data.accountName() + " (" + data.accountId() + ")" });
			facts.add(new String[] { "Period", data.firstDay() + " to " + data.lastDay() + " (" + data.timeZoneId()
					+ ")" });
			facts.add(new String[] { "Currency", data.currency() });
		}
		else {
			facts.add(new String[] { "Account", report.accountId() });
			facts.add(new String[] { "Period", report.startDate() + " to " + report.endDate() });
		}
		facts.add(new String[] { completed ? "Summary" : "Reason", report.statusMessage() });
		if (report.version() > 1) {
			facts.add(new String[] { "Version", report.version() + madeBecause(payload.madeBecause()) });
		}
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
			appendCustomerTotals(data, text, html);
			text.append("\nThe billing file (CSV):\n").append(report.downloadLink()).append("\n")
				.append("The workbook (summary, lines and calls):\n").append(report.workbookLink()).append("\n");
			html.append("<p><a href=\"")
				.append(escape(report.downloadLink()))
				.append("\">Download the billing file (CSV)</a>")
				.append(" &middot; <a href=\"").append(escape(report.workbookLink()))
				.append("\">Download the workbook (summary, lines and calls)</a></p>");
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

	/** The subtotal of each customer that has lines, up to the limit, and the total. */
	private static void appendCustomerTotals(ReportData data, StringBuilder text, StringBuilder html) {
		if (data == null) {
			return;
		}
		List<ReportData.CustomerData> billed = data.customers()
			.stream()
			.filter(customer -> !customer.lines().isEmpty())
			.toList();
		text.append("\n");
		html.append("<table border=\"1\" cellpadding=\"4\" style=\"border-collapse:collapse\">")
			.append("<tr><th>Customer</th><th>Subtotal</th></tr>");
		for (ReportData.CustomerData customer : billed.subList(0, Math.min(billed.size(), CUSTOMERS_SHOWN))) {
			text.append(String.format("  %-40s %14s%n", customer.customerName(), money(customer.total(), data)));
			html.append("<tr><td>").append(escape(customer.customerName())).append("</td><td align=\"right\">")
				.append(escape(money(customer.total(), data))).append("</td></tr>");
		}
		if (billed.size() > CUSTOMERS_SHOWN) {
			String more = "… and " + (billed.size() - CUSTOMERS_SHOWN) + " more customers (in the files)";
			text.append("  ").append(more).append("\n");
			html.append("<tr><td colspan=\"2\">").append(escape(more)).append("</td></tr>");
		}
		text.append(String.format("  %-40s %14s%n", "Total", money(data.total(), data)));
		html.append("<tr><th align=\"left\">Total</th><th align=\"right\">")
			.append(escape(money(data.total(), data)))
			.append("</th></tr></table>");
	}

	/** ", made because: 37 call records of the period were stored after …", or nothing. */
	private static String madeBecause(List<OutOfDateReason> reasons) {
		if (reasons == null || reasons.isEmpty()) {
			return "";
		}
		return ", made because " + String.join("; ", reasons.stream().map(OutOfDateReason::detail).toList());
	}

	/**
	 * The short mail of a {@code report.outOfDate} event: which version, why (each reason it announces,
	 * with its count and detail), and how to bring the report up to date.
	 */
	static MailContent outOfDate(NotificationPayload payload, String rerunUrl) {
		ReportInfo report = payload.report();
		String subject = "Billing report " + report.name() + " is out of date (version " + report.version() + ")";
		StringBuilder text = new StringBuilder("Version ").append(report.version()).append(" of the billing report \"")
			.append(report.name()).append("\" no longer matches what it billed from:\n\n");
		StringBuilder html = new StringBuilder("<html><body style=\"font-family:sans-serif\"><p>Version ")
			.append(report.version()).append(" of the billing report <b>").append(escape(report.name()))
			.append("</b> no longer matches what it billed from:</p><ul>");
		List<String> announced = (payload.announced() != null) ? payload.announced() : List.of();
		for (OutOfDateReason reason : report.outOfDateReasons()) {
			if (announced.contains(reason.kind())) {
				text.append("  ").append(reason.kind()).append(" (").append(reason.count()).append("): ")
					.append(reason.detail()).append("\n");
				html.append("<li><b>").append(escape(reason.kind())).append("</b> (").append(reason.count())
					.append("): ").append(escape(reason.detail())).append("</li>");
			}
		}
		html.append("</ul>");
		text.append("\nIts files stay as they were. A new version rates the report as things are now:\n  POST ")
			.append(rerunUrl).append("\n");
		html.append("<p>Its files stay as they were. A new version rates the report as things are now: <code>POST ")
			.append(escape(rerunUrl)).append("</code></p>");
		text.append("\nReport id: ").append(report.id()).append("\n");
		html.append("<p style=\"color:#666\">Report id: ").append(escape(report.id())).append("</p></body></html>");
		return new MailContent(subject, text.toString(), html.toString());
	}

	private static String money(BigDecimal amount, ReportData data) {
		return amount.toPlainString() + " " + data.currency();
	}

	private static String escape(String text) {
		return (text != null) ? HtmlUtils.htmlEscape(text) : "";
	}

}
