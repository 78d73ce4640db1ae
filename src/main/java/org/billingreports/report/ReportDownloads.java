package org.billingreports.report;

import java.nio.file.Path;
import java.util.function.Supplier;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import org.billingreports.batch.ExecutionStatus;
import org.billingreports.billingjob.BillingFileException;
import org.billingreports.billingjob.BillingFiles;
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

	private final BillingFiles files;

	ReportDownloads(ReportRepository reports, ReportAccess access, ReportInfos infos, DownloadTokens tokens,
			BillingFiles files) {
		this.reports = reports;
		this.access = access;
		this.infos = infos;
		this.tokens = tokens;
		this.files = files;
	}

	/**
	 * The billing file.
	 * @param caller {@code null} when the request carried no credentials
	 * @param token {@code null} when the request carried none
	 */
	Path file(String id, Caller caller, String token) {
		Report report = downloadable(id, caller, token);
		return written(() -> this.files.csv(id, report.includeCustomerIds()));
	}

	/** The billing file as a workbook, on the same terms as {@link #file}. */
	Path workbook(String id, Caller caller, String token) {
		Report report = downloadable(id, caller, token);
		return written(() -> this.files.workbook(id, report.includeCustomerIds(), report.createdAt()));
	}

	/** A file this node had to make and could not (a full disk): 507, with the reason, never a half file. */
	private static Path written(Supplier<Path> file) {
		try {
			return file.get();
		}
		catch (BillingFileException ex) {
			throw new ApiException(HttpStatus.INSUFFICIENT_STORAGE, "InsufficientStorage", ex.getMessage());
		}
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
