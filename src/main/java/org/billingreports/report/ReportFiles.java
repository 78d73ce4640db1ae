package org.billingreports.report;

import java.nio.file.Path;

import org.springframework.stereotype.Component;

import org.billingreports.BillingProperties;

/** Where a report's billing file (and its workbook) live: in the reports folder, named by the report. */
@Component
public class ReportFiles {

	private final Path folder;

	ReportFiles(BillingProperties properties) {
		this.folder = properties.reportsDir();
	}

	public Path folder() {
		return this.folder;
	}

	public Path file(String reportId) {
		return this.folder.resolve(reportId + ".csv");
	}

	/** The workbook, made from the stored lines when first asked for. */
	public Path workbook(String reportId) {
		return this.folder.resolve(reportId + ".xlsx");
	}

}
