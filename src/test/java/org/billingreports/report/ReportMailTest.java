package org.billingreports.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.billingreports.batch.ExecutionStatus;
import org.billingreports.notifications.MailContent;
import org.billingreports.statement.ReportData;

import static org.assertj.core.api.Assertions.assertThat;

/** A completed report's mail lists customers' subtotals up to a limit, counts the rest, and gives the total. */
class ReportMailTest {

	@Test
	void aLongListOfCustomersIsCutAndCounted() {
		List<ReportData.CustomerData> customers = new ArrayList<>();
		for (int i = 1; i <= ReportMail.CUSTOMERS_SHOWN + 5; i++) {
			customers.add(new ReportData.CustomerData("c" + i, String.format("Customer %02d", i), null,
					List.of(line()), new BigDecimal("1.00")));
		}
		// A customer without lines is not listed.
		customers.add(new ReportData.CustomerData("idle", "Idle", null, List.of(), new BigDecimal("0.00")));
		ReportData data = new ReportData("r1", 1, "acc", "Acme <Telecom>", "2026-07-01", "2026-07-31", "UTC",
				"2026-07-01", "2026-07-31", "EUR", "none", "2026-08-01T00:00:00Z", customers, new BigDecimal("30.00"));
		ReportInfo report = new ReportInfo("r1", "July", ExecutionStatus.Completed,
				"30 customers, 30 calls, total 30.00 EUR", null, null, "https://billing.example.com/reports/r1.csv?token=t",
				"https://billing.example.com/reports/r1.xlsx?token=t", "1", null, null, "acc", "2026-07-01",
				"2026-07-31", null, null, 1, 1, null, null, false, List.of(), null, null);

		MailContent mail = ReportMail.of(new NotificationPayload(report, data, null),
				"https://billing.example.com/reports/r1/restart");

		assertThat(mail.text()).contains("Account:  Acme <Telecom> (acc)")
			.contains("Currency: EUR")
			.contains("Customer 25")
			.doesNotContain("Customer 26")
			.doesNotContain("Idle")
			.contains("… and 5 more customers (in the files)")
			.containsPattern("Total +30\\.00 EUR")
			.contains("https://billing.example.com/reports/r1.csv?token=t")
			.contains("https://billing.example.com/reports/r1.xlsx?token=t");
		assertThat(mail.html()).contains("Acme &lt;Telecom&gt;").doesNotContain("Acme <Telecom>")
			.contains("<a href=\"https://billing.example.com/reports/r1.xlsx?token=t\">");
	}

	private static ReportData.LineData line() {
		return new ReportData.LineData("Base", "fee", 1, 0, 1, BigDecimal.ZERO, BigDecimal.ONE, null, null,
				BigDecimal.ZERO, new BigDecimal("1.00"), null);
	}

}
