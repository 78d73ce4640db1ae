package org.billingreports.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Supplier;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import org.billingreports.batch.ExecutionStatus;
import org.billingreports.kernel.ApiException;
import org.billingreports.kernel.ReportVersion;
import org.billingreports.security.Caller;
import org.billingreports.statement.Audience;
import org.billingreports.statement.BillingFileException;
import org.billingreports.statement.BillingFiles;
import org.billingreports.statement.ReportData;
import org.billingreports.statement.ReportDataReader;
import org.billingreports.statement.Statement;
import org.billingreports.statement.StatementRepository;

/**
 * A completed report's documents, for a caller who may see the report, or for anyone with a valid
 * token from its download link (an e-mailed link works without credentials). A Customer user, and a
 * link of a report a Customer user requested, get the customer's view: no carrier cost, no multiplier.
 */
@Component
public class ReportDownloads {

	private final ReportRepository reports;

	private final ReportAccess access;

	private final ReportInfos infos;

	private final DownloadTokens tokens;

	private final BillingFiles files;

	private final ReportDataReader data;

	private final StatementRepository statements;

	ReportDownloads(ReportRepository reports, ReportAccess access, ReportInfos infos, DownloadTokens tokens,
			BillingFiles files, ReportDataReader data, StatementRepository statements) {
		this.reports = reports;
		this.access = access;
		this.infos = infos;
		this.tokens = tokens;
		this.files = files;
		this.data = data;
		this.statements = statements;
	}

	/** What a download is of (a report version), and whom for. */
	record Download(Report report, Audience audience, Statement statement) {

		ReportVersion run() {
			return this.statement.run();
		}

	}

	/**
	 * The report version, if the caller may download it now.
	 * @param version the version asked for, or {@code null} for the one the report shows (its newest
	 * completed)
	 * @param caller {@code null} when the request carried no credentials
	 * @param token {@code null} when the request carried none
	 */
	Download open(String id, Integer version, Caller caller, String token) {
		ReportRepository.ReportRow row;
		if (token != null) {
			if (!this.tokens.isValid(id, token)) {
				throw ApiException.forbidden("The download link is invalid or has expired; ask for a new one with "
						+ "GET /reports/" + id);
			}
			row = this.reports.findRow(id).orElseThrow(() -> ApiException.notFound("Report", id));
			row = (version == null) ? row : this.access.version(row, version);
		}
		else if (caller == null) {
			throw ApiException.unauthorized("Send credentials, or use the download link with its token");
		}
		else {
			row = this.access.visible(id, version, caller);
		}
		ExecutionStatus status = this.infos.of(row).status();
		if (status != ExecutionStatus.Completed) {
			throw ApiException.conflict("NotCompleted", "Report '" + id + "' is " + status
					+ ((version != null) ? " in version " + version : "") + "; its file exists once it is Completed");
		}
		Report report = row.report();
		boolean customer = (caller != null && token == null) ? caller.isCustomer() : report.isScoped();
		ReportVersion run = row.run();
		Statement statement = this.statements.find(run)
			.orElseThrow(() -> new IllegalStateException("completed report " + run + " has no statement"));
		return new Download(report, customer ? Audience.CUSTOMER : Audience.PROVIDER, statement);
	}

	/** The lines, as {@code GET /reports/{id}/lines} gives them to the caller. */
	public ReportData lines(String id, Integer version, Caller caller) {
		return lines(open(id, version, caller, null));
	}

	/** Units per day and item of a completed report version the caller may see. */
	public SortedMap<LocalDate, Map<String, Long>> usagePerDay(String id, Integer version, Caller caller) {
		return this.files.usagePerDay(open(id, version, caller, null).run());
	}

	/** The billing file (CSV). */
	Path file(Download download) {
		return written(() -> this.files.csv(download.run(), download.audience()));
	}

	/** The workbook. */
	Path workbook(Download download) {
		return written(() -> this.files.workbook(download.run(), download.audience()));
	}

	/** The lines as JSON, with what they are about. */
	ReportData lines(Download download) {
		return this.data.read(download.run(), download.audience()).orElseThrow();
	}

	/**
	 * The call detail, written to the response as it is read.
	 * @param customerId one customer's subtree, or {@code null}
	 */
	void calls(Download download, String customerId, OutputStream out) throws IOException {
		this.files.writeCalls(download.run(), download.audience(), customerId, out);
	}

	/**
	 * A customer id the report does not have: 404 before anything is written.
	 */
	void requireCustomer(Download download, String customerId) {
		if (customerId != null && !this.files.hasCustomer(download.run(), customerId)) {
			throw ApiException.notFound("Customer", customerId);
		}
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

}
