package org.billingreports.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import org.billingreports.security.Caller;
import org.billingreports.kernel.ApiException;
import org.billingreports.kernel.RequestDto;
import org.billingreports.kernel.Text;
import org.billingreports.statement.ReportData;
import org.billingreports.statement.VersionManifests;

/** The report routes (the table of {@code api.md}). */
@RestController
class ReportController {

	private static final String CREATE = "/reports/billing";

	private static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

	static final MediaType XLSX = MediaType
		.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

	private static final String FORMATS = "csv (the billing file), xlsx (the same as a workbook) or json "
			+ "(the report)";

	private final ReportService reports;

	private final ReportDownloads downloads;

	private final ReportDeletion deletion;

	private final ReportChanges changes;

	private final ReportProofs proofs;

	ReportController(ReportService reports, ReportDownloads downloads, ReportDeletion deletion,
			ReportChanges changes, ReportProofs proofs) {
		this.changes = changes;
		this.proofs = proofs;
		this.reports = reports;
		this.downloads = downloads;
		this.deletion = deletion;
	}

	@PostMapping(CREATE)
	@Operation(summary = "Run a billing report", description = "Creates the report and queues its job; "
			+ "answers at once with status Queued. A repeat with the same Idempotency-Key and body answers "
			+ "the first report (keys are kept 24 hours).")
	ReportInfo create(@RequestDto BillingReportRequest request,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
			@AuthenticationPrincipal Caller caller) throws Exception {
		return this.reports.create(request, idempotencyKey, caller);
	}

	/** ServiceStack lists {@code BillingReport} for every verb; POST is the one documented. */
	@Hidden
	@RequestMapping(path = CREATE,
			method = { RequestMethod.GET, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE })
	ReportInfo createWithAnotherVerb(@RequestDto BillingReportRequest request,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
			@AuthenticationPrincipal Caller caller) throws Exception {
		return create(request, idempotencyKey, caller);
	}

	@GetMapping("/reports")
	Map<String, List<ReportInfo>> list(@RequestParam(required = false) String accountId,
			@RequestParam(required = false) String status, @RequestParam(required = false) String requester,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String sort, @RequestParam(defaultValue = "0") int skip,
			@RequestParam(defaultValue = "50") int take, @AuthenticationPrincipal Caller caller) {
		ReportQuery query = ReportQuery.parse(accountId, status, requester, from, to, sort, skip, take);
		return Map.of("reports", this.reports.list(query, caller));
	}

	@GetMapping("/reports/{id}")
	@Operation(summary = "A report", description = "As its newest completed version shows it (the newest when "
			+ "none completed), or as version n with ?version=n.")
	ReportInfo get(@PathVariable String id, @RequestParam(required = false) Integer version,
			@AuthenticationPrincipal Caller caller) {
		if (id.contains(".")) {
			// /reports/{id}.pdf: a format this service does not make, not a report of that name.
			throw ApiException.badRequest("UnsupportedFormat", "'" + ApiException.echo(id.substring(id.indexOf('.') + 1))
					+ "' is not a format of a report; use " + FORMATS);
		}
		return this.reports.get(id, version, caller);
	}

	@PostMapping("/reports/{id}/restart")
	@Operation(summary = "Restart a report", description = "Its newest version, in Error, runs again from its last "
			+ "committed chunk (the same version). 409 in any other status.")
	ReportInfo restart(@PathVariable String id, @AuthenticationPrincipal Caller caller) throws Exception {
		return this.reports.restart(id, caller);
	}

	@PostMapping("/reports/{id}/rerun")
	@Operation(summary = "Rerun a report as a new version", description = "A new version with the report's own "
			+ "request, rated from the call records, prices and customer tree as they are now; earlier versions stay "
			+ "as they were. Answers the new version. 409 while a version is queued or running.")
	ReportInfo rerun(@PathVariable String id, @AuthenticationPrincipal Caller caller) throws Exception {
		return this.reports.rerun(id, caller);
	}

	@GetMapping("/reports/{id}/versions")
	@Operation(summary = "A report's versions", description = "Oldest first: status, when made and completed, "
			+ "total, calls, who started it and the out-of-date reasons that made it.")
	ReportVersions.ReportVersionListing versions(@PathVariable String id, @AuthenticationPrincipal Caller caller) {
		return this.reports.versions(id, caller);
	}

	@GetMapping("/reports/{id}/changes")
	@Operation(summary = "What changed between two versions", description = "Totals, the customers and lines that "
			+ "changed, and how many calls were added, removed or repriced, from version 'from' to version 'to' (by "
			+ "default the newest two completed). 409 with fewer than two completed versions.")
	ReportChanges.Changes changes(@PathVariable String id, @RequestParam(required = false) Integer from,
			@RequestParam(required = false) Integer to, @AuthenticationPrincipal Caller caller) {
		return this.changes.between(this.changes.pair(id, from, to, caller));
	}

	@GetMapping("/reports/{id}/changes.csv")
	@Operation(summary = "What changed between two versions, call by call", description = "One line per call "
			+ "billed differently: callId, customerId, item, change (added, removed, repriced), units and raw cost "
			+ "before and after.")
	@ApiResponse(responseCode = "200", description = "The changed calls",
			content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
	void changedCalls(@PathVariable String id, @RequestParam(required = false) Integer from,
			@RequestParam(required = false) Integer to, @AuthenticationPrincipal Caller caller,
			HttpServletResponse response) throws IOException {
		changesCsv("changes", this.changes.pair(id, from, to, caller), this.changes::writeCalls, response);
	}

	@GetMapping("/reports/{id}/adjustment.csv")
	@Operation(summary = "The difference as a billing file", description = "The billing file's columns, one line "
			+ "per customer and item that changed: quantities, raw costs and amounts signed (newer minus older), "
			+ "prices as in the newer version. Its Amount column sums to the total difference.")
	@ApiResponse(responseCode = "200", description = "The adjustment",
			content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
	void adjustment(@PathVariable String id, @RequestParam(required = false) Integer from,
			@RequestParam(required = false) Integer to, @AuthenticationPrincipal Caller caller,
			HttpServletResponse response) throws IOException {
		changesCsv("adjustment", this.changes.pair(id, from, to, caller), this.changes::writeAdjustment, response);
	}

	/** A CSV of what changed between the pair, e.g. {@code changes-<id>-v1-v2.csv}, written as it is made. */
	private static void changesCsv(String name, ReportChanges.Pair pair, ChangesWriter writer,
			HttpServletResponse response) throws IOException {
		response.setContentType(TEXT_CSV.toString());
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
			.filename(name + "-" + pair.to().reportId() + "-v" + pair.from().version() + "-v" + pair.to().version() + ".csv")
			.build()
			.toString());
		writer.write(pair, response.getOutputStream());
	}

	@FunctionalInterface
	private interface ChangesWriter {

		void write(ReportChanges.Pair pair, java.io.OutputStream out) throws IOException;

	}

	@GetMapping("/reports/{id}/versions/{version}/manifest")
	@Operation(summary = "What proves a version's total", description = "How many records it billed and a SHA-256 "
			+ "of their identities and revisions, each customer's rate deck, a SHA-256 of its kept inputs "
			+ "(settingsSha256), the service's version that billed it, and the SHA-256 of its billing file and "
			+ "workbook as served. 409 for a version that has not completed.")
	VersionManifests.Manifest manifest(@PathVariable String id, @PathVariable int version,
			@AuthenticationPrincipal Caller caller) {
		return this.proofs.manifest(id, version, caller);
	}

	@PostMapping("/reports/{id}/versions/{version}/verify")
	@Operation(summary = "Rate a version again and compare", description = "Rates the records the version billed "
			+ "again with its kept inputs, in a job of its own: identical, or the first differences. 200 once it "
			+ "ended; 202 with its address (Location, and location in the body) when it takes longer.")
	@ApiResponse(responseCode = "200", description = "The verification ended",
			content = @Content(schema = @Schema(implementation = ReportProofs.VerificationInfo.class)))
	@ApiResponse(responseCode = "202", description = "Still running: follow the Location",
			content = @Content(schema = @Schema(implementation = ReportProofs.VerificationInfo.class)))
	ResponseEntity<ReportProofs.VerificationInfo> verify(@PathVariable String id, @PathVariable int version,
			@AuthenticationPrincipal Caller caller) throws Exception {
		return verification(this.proofs.verify(id, version, caller));
	}

	@GetMapping("/reports/{id}/versions/{version}/verifications/{verificationId}")
	@Operation(summary = "A verification", description = "200 once it ended, 202 while it runs.")
	@ApiResponse(responseCode = "200", description = "The verification ended",
			content = @Content(schema = @Schema(implementation = ReportProofs.VerificationInfo.class)))
	@ApiResponse(responseCode = "202", description = "Still running",
			content = @Content(schema = @Schema(implementation = ReportProofs.VerificationInfo.class)))
	ResponseEntity<ReportProofs.VerificationInfo> verification(@PathVariable String id, @PathVariable int version,
			@PathVariable String verificationId, @AuthenticationPrincipal Caller caller) {
		return verification(this.proofs.verification(id, version, verificationId, caller));
	}

	private static ResponseEntity<ReportProofs.VerificationInfo> verification(ReportProofs.VerificationInfo info) {
		if (info.location() == null) {
			return ResponseEntity.ok(info);
		}
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.location(ServletUriComponentsBuilder.fromCurrentContextPath().path(info.location()).build().toUri())
			.body(info);
	}

	@PostMapping("/reports/{id}/stop")
	@Operation(summary = "Stop a report", description = "A queued or running report stops at its next chunk "
			+ "boundary and ends in Error; it can be restarted. 409 when it is not running.")
	ReportInfo stop(@PathVariable String id, @AuthenticationPrincipal Caller caller) {
		return this.reports.stop(id, caller);
	}

	@PostMapping("/reports/{id}/notifications/{notificationId}/resend")
	@Operation(summary = "Send a notification again", description = "One more attempt, now, at a notification "
			+ "that gave up (same event id). 409 for one delivered or still being tried.")
	ReportInfo resendNotification(@PathVariable String id, @PathVariable String notificationId,
			@AuthenticationPrincipal Caller caller) {
		return this.reports.resendNotification(id, notificationId, caller);
	}

	/** Open to requests without credentials: its token (or the caller's credentials) are checked here. */
	@DeleteMapping("/reports/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable String id, @AuthenticationPrincipal Caller caller) throws InterruptedException {
		this.deletion.delete(id, caller);
	}

	@GetMapping("/reports/{id}.csv")
	@Operation(summary = "Download the billing file", description = "With credentials of a user who may "
			+ "see the report, or with the signed token of its downloadLink (no credentials needed). "
			+ "GET /reports/{id}?format=csv is the same. For a Customer user the Raw Cost column is empty.")
	@ApiResponse(responseCode = "200", description = "The billing file (formats.md)",
			content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
	ResponseEntity<Resource> file(@PathVariable String id, @RequestParam(required = false) Integer version,
			@RequestParam(required = false) String token, @AuthenticationPrincipal Caller caller) {
		ReportDownloads.Download download = this.downloads.open(id, version, caller, token);
		return download(this.downloads.file(download), TEXT_CSV, download.statement().fileName(".csv"));
	}

	@GetMapping("/reports/{id}.xlsx")
	@Operation(summary = "Download the report as a workbook", description = "Sheets Summary (the account, "
			+ "period, currency, each customer in the tree with its subtotal, the total), Lines (the billing "
			+ "file's lines with units and what each amount is computed from) and Calls (every rated call); on "
			+ "the same terms as the CSV. GET /reports/{id}?format=xlsx is the same.")
	@ApiResponse(responseCode = "200", description = "The workbook (Office Open XML)", content = @Content(
			mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
			schema = @Schema(type = "string", format = "binary")))
	ResponseEntity<Resource> workbook(@PathVariable String id, @RequestParam(required = false) Integer version,
			@RequestParam(required = false) String token, @AuthenticationPrincipal Caller caller) {
		ReportDownloads.Download download = this.downloads.open(id, version, caller, token);
		return download(this.downloads.workbook(download), XLSX, download.statement().fileName(".xlsx"));
	}

	@GetMapping("/reports/{id}/calls.csv")
	@Operation(summary = "Download the report's rated calls", description = "One line per call record the "
			+ "report rated, in the billing file's customer order, then by start time; customerId limits it to "
			+ "one customer and its branches. On the same terms as the billing file; a Customer user's has no "
			+ "rawCost column.")
	@ApiResponse(responseCode = "200", description = "The call detail",
			content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
	void calls(@PathVariable String id, @RequestParam(required = false) String customerId,
			@RequestParam(required = false) Integer version, @RequestParam(required = false) String token,
			@AuthenticationPrincipal Caller caller, HttpServletResponse response) throws IOException {
		ReportDownloads.Download download = this.downloads.open(id, version, caller, token);
		String customer = Text.strippedOrNull(customerId);
		this.downloads.requireCustomer(download, customer);
		response.setContentType(TEXT_CSV.toString());
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
			.filename(download.statement().fileName("-calls" + ((customer != null) ? "-" + customer : "") + ".csv"))
			.build()
			.toString());
		this.downloads.calls(download, customer, response.getOutputStream());
	}

	@GetMapping("/reports/{id}/lines")
	@Operation(summary = "The billing file's lines as JSON", description = "The account, the period, the "
			+ "currency, every customer the report considered with its parent, lines and subtotal, and the total; "
			+ "on the same terms as the billing file (for a Customer user without rawCost and rawUnitMultiplier).")
	ReportData lines(@PathVariable String id, @RequestParam(required = false) Integer version,
			@RequestParam(required = false) String token, @AuthenticationPrincipal Caller caller) {
		return this.downloads.lines(this.downloads.open(id, version, caller, token));
	}

	/** {@code ?format=csv}: the same as the {@code .csv} suffix, as ServiceStack reads it. */
	@Hidden
	@GetMapping(path = "/reports/{id}", params = "format=csv")
	ResponseEntity<Resource> fileByFormat(@PathVariable String id, @RequestParam(required = false) Integer version,
			@RequestParam(required = false) String token, @AuthenticationPrincipal Caller caller) {
		return file(id, version, token, caller);
	}

	@Hidden
	@GetMapping(path = "/reports/{id}", params = "format=xlsx")
	ResponseEntity<Resource> workbookByFormat(@PathVariable String id,
			@RequestParam(required = false) Integer version, @RequestParam(required = false) String token,
			@AuthenticationPrincipal Caller caller) {
		return workbook(id, version, token, caller);
	}

	private static ResponseEntity<Resource> download(Path file, MediaType type, String name) {
		return ResponseEntity.ok()
			.contentType(type)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(name).build().toString())
			.body(new FileSystemResource(file));
	}

}
