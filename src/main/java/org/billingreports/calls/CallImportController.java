package org.billingreports.calls;

import jakarta.servlet.http.HttpServletRequest;

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

import org.billingreports.batch.ExecutionStatus;
import org.billingreports.security.Caller;

/**
 * {@code POST /calls/import?accountId=&format=&timeZoneId=} with the file as a {@code text/csv} body
 * or as the multipart part {@code file}. Answers 200 with the counts once the import has ended, or
 * 202 while it is still running.
 */
@RestController
class CallImportController {

	private final CallImportService imports;

	CallImportController(CallImportService imports) {
		this.imports = imports;
	}

	@PostMapping(path = "/calls/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<ImportInfo> importMultipart(@RequestParam(required = false) String accountId,
			@RequestParam(required = false) String format, @RequestParam(required = false) String timeZoneId,
			@RequestPart(name = "file", required = false) MultipartFile file, @AuthenticationPrincipal Caller caller)
			throws Exception {
		String fileName = (file != null) ? file.getOriginalFilename() : null;
		return answer(this.imports.importCalls(
				new CallImportService.ImportRequest(accountId, format, timeZoneId, fileName),
				() -> (file != null) ? file.getInputStream() : null, caller));
	}

	@PostMapping(path = "/calls/import")
	ResponseEntity<ImportInfo> importBody(@RequestParam(required = false) String accountId,
			@RequestParam(required = false) String format, @RequestParam(required = false) String timeZoneId,
			HttpServletRequest request, @AuthenticationPrincipal Caller caller) throws Exception {
		return answer(this.imports.importCalls(
				new CallImportService.ImportRequest(accountId, format, timeZoneId, null), request::getInputStream,
				caller));
	}

	@GetMapping("/calls/imports/{id}")
	ImportInfo get(@PathVariable String id, @AuthenticationPrincipal Caller caller) {
		return this.imports.find(id, caller);
	}

	private static ResponseEntity<ImportInfo> answer(ImportInfo info) {
		boolean ended = info.status() == ExecutionStatus.Completed || info.status() == ExecutionStatus.Error;
		return ResponseEntity.status(ended ? HttpStatus.OK : HttpStatus.ACCEPTED).body(info);
	}

}
