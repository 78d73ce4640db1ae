package org.billingreports.calls;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import org.billingreports.kernel.FieldErrors;
import org.billingreports.kernel.Text;
import org.billingreports.security.Caller;

/**
 * {@code POST /calls/import?accountId=&format=&timeZoneId=&defaultCustomerId=} with the file as a
 * {@code text/csv} body or as the multipart part {@code file}. Answers 200 with the counts once the
 * import has ended; a large file at once, 202 with its {@code Location}.
 */
@RestController
public class CallImportController {

	/** The import route; its {@code format} names the file's format, and its body may be large. */
	public static final String PATH = "/calls/import";

	private static final int MAX_TAKE = 500;

	private final CallImportService imports;

	CallImportController(CallImportService imports) {
		this.imports = imports;
	}

	@PostMapping(path = PATH, consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Import call records", description = "The file as the multipart part 'file' or as a "
			+ "text/csv body; format native (default), asterisk or freeswitch; onDuplicate skip (default) or replace "
			+ "(a line whose call is stored with other values becomes its next revision).")
	@EndedOrAccepted
	ResponseEntity<?> importMultipart(@RequestParam(required = false) String accountId,
			@RequestParam(required = false) String format, @RequestParam(required = false) String timeZoneId,
			@RequestParam(required = false) String defaultCustomerId,
			@RequestParam(required = false) String onDuplicate,
			@RequestPart(name = "file", required = false) MultipartFile file, @AuthenticationPrincipal Caller caller)
			throws Exception {
		String fileName = (file != null) ? file.getOriginalFilename() : null;
		return answer(this.imports.importCalls(new CallImportService.ImportRequest(accountId, format, timeZoneId,
				fileName, defaultCustomerId, onDuplicate),
				() -> (file != null) ? file.getInputStream() : null, caller));
	}

	@PostMapping(path = PATH)
	@io.swagger.v3.oas.annotations.parameters.RequestBody(
			content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
	@EndedOrAccepted
	ResponseEntity<?> importBody(@RequestParam(required = false) String accountId,
			@RequestParam(required = false) String format, @RequestParam(required = false) String timeZoneId,
			@RequestParam(required = false) String defaultCustomerId,
			@RequestParam(required = false) String onDuplicate, HttpServletRequest request,
			@AuthenticationPrincipal Caller caller) throws Exception {
		return answer(this.imports.importCalls(
				new CallImportService.ImportRequest(accountId, format, timeZoneId, null, defaultCustomerId, onDuplicate),
				request::getInputStream, caller));
	}

	/** Continues a failed or stopped import after its last committed chunk. */
	@PostMapping("/calls/imports/{id}/restart")
	@EndedOrAccepted
	ResponseEntity<?> restart(@PathVariable String id, @AuthenticationPrincipal Caller caller)
			throws Exception {
		return answer(this.imports.restart(id, caller));
	}

	@GetMapping("/calls/imports")
	@Operation(summary = "List imports", description = "Newest first: the account's, or (SystemAdministrator, "
			+ "no accountId) every account's. Not for Customer users.")
	Map<String, List<ImportInfo>> list(@RequestParam(required = false) String accountId,
			@RequestParam(defaultValue = "0") int skip, @RequestParam(defaultValue = "50") int take,
			@AuthenticationPrincipal Caller caller) {
		new FieldErrors().page(skip, take, MAX_TAKE).throwIfAny();
		String account = Text.strippedOrNull(accountId);
		return Map.of("imports", this.imports.list(account, skip, take, caller));
	}

	@GetMapping("/calls/imports/{id}/rejections.csv")
	@Operation(summary = "An import's rejected lines", description = "Every rejected line as CSV: lineNumber, "
			+ "reason, line.")
	@ApiResponse(responseCode = "200", description = "The rejected lines",
			content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
	void rejections(@PathVariable String id, @AuthenticationPrincipal Caller caller, HttpServletResponse response)
			throws IOException {
		CallImportService.Rejections rejections = this.imports.rejections(id, caller);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
			.filename("rejections-" + id + ".csv")
			.build()
			.toString());
		rejections.writeTo(response.getWriter());
	}

	@GetMapping("/calls/imports/{id}")
	ImportInfo get(@PathVariable String id, @AuthenticationPrincipal Caller caller) {
		return this.imports.find(id, caller);
	}

	/** The answers of {@link #answer}, for the API description. */
	@Retention(RetentionPolicy.RUNTIME)
	@Target(ElementType.METHOD)
	@ApiResponse(responseCode = "200", description = "The import ended: its counts and first rejected lines",
			content = @Content(schema = @Schema(implementation = ImportInfo.class)))
	@ApiResponse(responseCode = "422", description = "The file was refused for its rejected lines: nothing of it stays. "
			+ "The import's fields, and responseStatus as every error has",
			content = @Content(schema = @Schema(implementation = RefusedImport.class)))
	@ApiResponse(responseCode = "202", description = "A large file, or one still running: follow the Location",
			content = @Content(schema = @Schema(implementation = ImportInfo.class)))
	@interface EndedOrAccepted {
	}

	/**
	 * 200 once ended; 422 for a file refused for its rejected lines (nothing of it stays); 202 with a
	 * Location to follow for a large file, or while it is still running.
	 */
	private static ResponseEntity<?> answer(CallImportService.Started started) {
		ImportInfo info = started.info();
		if (started.refused()) {
			return ResponseEntity.unprocessableContent().body(RefusedImport.of(info));
		}
		if (!started.followUp()) {
			return ResponseEntity.ok(info);
		}
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.location(ServletUriComponentsBuilder.fromCurrentContextPath().path("/calls/imports/{id}")
				.buildAndExpand(info.id())
				.toUri())
			.body(info);
	}

}
