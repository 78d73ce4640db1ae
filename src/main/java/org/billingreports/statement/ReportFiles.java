package org.billingreports.statement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.stereotype.Component;

import org.billingreports.kernel.ReportVersion;
import org.billingreports.kernel.ServiceProperties;

/**
 * Where a node keeps the files it made of a report version: in its reports folder, named by the report,
 * the version and the audience: {@code <id>.csv}, {@code <id>.v2.xlsx} (the workbook's format, not a
 * report version) for version 1, {@code <id>@2.csv}, {@code <id>@2.v2.xlsx} for version 2, and
 * {@code <id>.customer.csv}, {@code <id>@2.customer.csv} … for a customer. A cache: any of them can be
 * made again from the database.
 */
@Component
public class ReportFiles {

	static final String CSV = ".csv";

	/**
	 * The workbook of Summary, Lines and Calls sheets. Named apart from the one-sheet workbook ({@code
	 * <id>.xlsx}) that earlier versions of this service kept, so that a node never serves one of those again.
	 */
	static final String XLSX = ".v2.xlsx";

	private static final String EARLIER_XLSX = ".xlsx";

	private final Path folder;

	ReportFiles(ServiceProperties properties) {
		this.folder = folderIn(properties.dataDir());
	}

	/** The provider's billing file of a report version, as a node with this data folder keeps it. */
	public static Path providerCsv(Path dataDir, ReportVersion run) {
		return named(folderIn(dataDir), run, Audience.PROVIDER, CSV);
	}

	private static Path folderIn(Path dataDir) {
		return dataDir.resolve("reports");
	}

	public Path folder() {
		return this.folder;
	}

	/** The billing file as the provider sees it. */
	public Path file(ReportVersion run) {
		return file(run, Audience.PROVIDER, CSV);
	}

	Path file(ReportVersion run, Audience audience, String suffix) {
		return named(this.folder, run, audience, suffix);
	}

	private static Path named(Path folder, ReportVersion run, Audience audience, String suffix) {
		return folder.resolve(stem(run) + (audience == Audience.CUSTOMER ? ".customer" : "") + suffix);
	}

	/** {@code <id>} for version 1 (as before versions existed), {@code <id>@n} after it. */
	private static String stem(ReportVersion run) {
		return (run.version() == 1) ? run.reportId() : run.reportId() + "@" + run.version();
	}

	/** Removes every file of the version this node made, an earlier format's workbook included. */
	public void deleteAll(ReportVersion run) throws IOException {
		for (Audience audience : Audience.values()) {
			for (String suffix : new String[] { CSV, XLSX }) {
				Files.deleteIfExists(file(run, audience, suffix));
			}
		}
		Files.deleteIfExists(this.folder.resolve(stem(run) + EARLIER_XLSX));
	}

}
