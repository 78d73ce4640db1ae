package org.billingreports.billingjob;

import java.nio.file.Path;

import org.springframework.stereotype.Component;

import org.billingreports.kernel.ServiceProperties;

/** Where a report's billing file (and its workbook) live: in the reports folder, named by the report. */
@Component
public class ReportFiles {

	private final Path folder;

	ReportFiles(ServiceProperties properties) {
		this.folder = properties.dataDir().resolve("reports");
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
