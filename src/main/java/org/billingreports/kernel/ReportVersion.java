package org.billingreports.kernel;

/**
 * One run of a report: the report's id and its version (1, 2, …). A report keeps its id for ever;
 * each run of it (the first, a rerun) is a version of its own, and everything that run billed (its
 * rows, lines, statement, files, rate decks and notifications) is kept under both.
 */
public record ReportVersion(String reportId, int version) {

	public ReportVersion {
		if (reportId == null || version < 1) {
			throw new IllegalArgumentException("a report version is a report id and a version from 1, not "
					+ reportId + " " + version);
		}
	}

	/** A report's first version: the run its request launched. */
	public static ReportVersion first(String reportId) {
		return new ReportVersion(reportId, 1);
	}

	/** The version after this one. */
	public ReportVersion next() {
		return new ReportVersion(this.reportId, this.version + 1);
	}

	@Override
	public String toString() {
		return this.reportId + " v" + this.version;
	}

}
