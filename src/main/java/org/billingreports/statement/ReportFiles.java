package org.billingreports.statement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.stereotype.Component;

import org.billingreports.kernel.ServiceProperties;

/**
 * Where a node keeps the files it made of a report: in its reports folder, named by the report and
 * the audience ({@code <id>.csv}, {@code <id>.v2.xlsx}; {@code <id>.customer.csv} … for a customer).
 * A cache: any of them can be made again from the database.
 */
@Component
public class ReportFiles {

	static final String CSV = ".csv";

	/**
	 * The workbook of Summary, Lines and Calls sheets. Named apart from the one-sheet workbook ({@code
	 * <id>.xlsx}) that earlier versions kept, so that a node never serves one of those again.
	 */
	static final String XLSX = ".v2.xlsx";

	private static final String EARLIER_XLSX = ".xlsx";

	private final Path folder;

	ReportFiles(ServiceProperties properties) {
		this.folder = folderIn(properties.dataDir());
	}

	/** The provider's billing file of a report, as a node with this data folder keeps it. */
	public static Path providerCsv(Path dataDir, String reportId) {
		return named(folderIn(dataDir), reportId, Audience.PROVIDER, CSV);
	}

	private static Path folderIn(Path dataDir) {
		return dataDir.resolve("reports");
	}

	public Path folder() {
		return this.folder;
	}

	/** The billing file as the provider sees it. */
	public Path file(String reportId) {
		return file(reportId, Audience.PROVIDER, CSV);
	}

	Path file(String reportId, Audience audience, String suffix) {
		return named(this.folder, reportId, audience, suffix);
	}

	private static Path named(Path folder, String reportId, Audience audience, String suffix) {
		return folder.resolve(reportId + (audience == Audience.CUSTOMER ? ".customer" : "") + suffix);
	}

	/** Removes every file of the report this node made, an earlier version's workbook included. */
	public void deleteAll(String reportId) throws IOException {
		for (Audience audience : Audience.values()) {
			for (String suffix : new String[] { CSV, XLSX }) {
				Files.deleteIfExists(file(reportId, audience, suffix));
			}
		}
		Files.deleteIfExists(this.folder.resolve(reportId + EARLIER_XLSX));
	}

}
