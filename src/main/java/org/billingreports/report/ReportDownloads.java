package org.billingreports.report;

import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import org.billingreports.batch.ExecutionStatus;
import org.billingreports.billingjob.BillingWorkbooks;
import org.billingreports.billingjob.ReportFiles;
import org.billingreports.kernel.ApiException;
import org.billingreports.security.Caller;

/**
 * A completed report's files, for a caller who may see the report, or for anyone with a valid token
 * from its download link (an e-mailed link works without credentials).
 */
@Component
class ReportDownloads {

	private final ReportRepository reports;

	private final ReportAccess access;

	private final ReportInfos infos;

	private final DownloadTokens tokens;

	private final ReportFiles files;

	private final BillingWorkbooks workbooks;

	ReportDownloads(ReportRepository reports, ReportAccess access, ReportInfos infos, DownloadTokens tokens,
			ReportFiles files, BillingWorkbooks workbooks) {
		this.reports = reports;
		this.access = access;
		this.infos = infos;
		this.tokens = tokens;
		this.files = files;
		this.workbooks = workbooks;
	}

	/**
	 * The billing file.
	 * @param caller {@code null} when the request carried no credentials
	 * @param token {@code null} when the request carried none
	 */
	Path file(String id, Caller caller, String token) {
		downloadable(id, caller, token);
		Path file = this.files.file(id);
		if (!Files.isRegularFile(file)) {
			throw new ApiException(HttpStatus.NOT_FOUND, "FileMissing", "The billing file of report '" + id
					+ "' is missing from the reports folder; restore it from a backup");
		}
		return file;
	}

	/** The billing file as a workbook, on the same terms as {@link #file}. */
	Path workbook(String id, Caller caller, String token) {
		Report report = downloadable(id, caller, token);
		return this.workbooks.workbook(id, report.includeCustomerIds());
	}

	private Report downloadable(String id, Caller caller, String token) {
		ReportRepository.ReportRow row;
		if (token != null) {
			if (!this.tokens.isValid(id, token)) {
				throw ApiException.forbidden("The download link is invalid or has expired; ask for a new one with "
						+ "GET /reports/" + id);
			}
			row = this.reports.findRow(id).orElseThrow(() -> ApiException.notFound("Report", id));
		}
		else if (caller == null) {
			throw ApiException.unauthorized("Send credentials, or use the download link with its token");
		}
		else {
			row = this.access.visible(id, caller);
		}
		ExecutionStatus status = this.infos.of(row).status();
		if (status != ExecutionStatus.Completed) {
			throw ApiException.conflict("NotCompleted",
					"Report '" + id + "' is " + status + "; its file exists once it is Completed");
		}
		return row.report();
	}

}
