package org.billingreports.billingjob;

import org.springframework.stereotype.Component;

/** Reads a completed report's stored lines as {@link ReportData}. */
@Component
public class ReportDataReader {

	private final BillingLineRepository lines;

	ReportDataReader(BillingLineRepository lines) {
		this.lines = lines;
	}

	public ReportData read(String reportId, String currency) {
		return ReportData.of(currency, this.lines.findByReport(reportId));
	}

}
