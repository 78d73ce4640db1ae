package org.billingreports.statement;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.billingreports.kernel.ReportVersion;
import org.billingreports.rating.BillingPeriod;
import org.billingreports.rating.Proration;

/**
 * What a report version's billed lines are about, fixed when they are written: the account as it was
 * then, the period, the currency. Every document of the version (the billing file, the workbook, the
 * call detail, the lines as JSON) is made from it and the lines, on whichever node is asked.
 *
 * @param startDate the period's start as requested (a date or a date-time)
 * @param endDate the period's end as requested
 * @param generatedAt when the lines were written
 */
public record Statement(ReportVersion run, String accountId, String accountName, String timeZoneId, String currency,
		String startDate, String endDate, BillingPeriod period, boolean includeCustomerIds, Proration proration,
		Instant generatedAt) {

	public String reportId() {
		return this.run.reportId();
	}

	public ZoneId zone() {
		return ZoneId.of(this.timeZoneId);
	}

	public LocalDate firstDay() {
		return this.period.firstDay(zone());
	}

	public LocalDate lastDay() {
		return this.period.lastDay(zone());
	}

	/**
	 * A download's name, e.g. {@code billing-demo-2026-10-01-2026-10-31.csv}, and from the second version
	 * on {@code billing-demo-2026-10-01-2026-10-31-v2.csv}.
	 */
	public String fileName(String suffix) {
		return "billing-" + this.accountId + "-" + firstDay() + "-" + lastDay()
				+ ((this.run.version() > 1) ? "-v" + this.run.version() : "") + suffix;
	}

}
