package org.billingreports.report;

import java.nio.file.Path;

import org.springframework.stereotype.Component;

import org.billingreports.BillingProperties;

/** Where a report's billing file lives: one file per report in the reports folder. */
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

}
