package org.billingreports.ratedecks;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.io.InputStream;
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

import org.billingreports.security.Caller;

/**
 * {@code POST /rate-decks?accountId=&name=|deckId=&item=} with the deck as a {@code text/csv} body or
 * the multipart part {@code file}: a new version of the deck, or nothing stored and 422 with the
 * rejected lines; and the decks to read.
 */
@RestController
public class RateDeckController {

	/** The upload route; its body may be large. */
	public static final String PATH = "/rate-decks";

	private final RateDecks decks;

	RateDeckController(RateDecks decks) {
		this.decks = decks;
	}

	@PostMapping(path = PATH, consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Upload a rate deck", description = "A new version of the deck named by deckId or name "
			+ "(a new deck when none exists), from the multipart part 'file' or a text/csv body; stored whole or, "
			+ "when a line is rejected, not at all.")
	@Uploaded
	ResponseEntity<DeckUpload> uploadMultipart(@RequestParam(required = false) String accountId,
			@RequestParam(required = false) String deckId, @RequestParam(required = false) String name,
			@RequestParam(required = false) String item, @RequestPart(name = "file", required = false) MultipartFile file,
			@AuthenticationPrincipal Caller caller) throws IOException {
		String fileName = (file != null) ? file.getOriginalFilename() : null;
		try (InputStream input = (file != null) ? file.getInputStream() : null) {
			return answer(this.decks.upload(new RateDecks.UploadRequest(accountId, deckId, name, item, fileName), input,
					caller));
		}
	}

	@PostMapping(path = PATH)
	@io.swagger.v3.oas.annotations.parameters.RequestBody(
			content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
	@Uploaded
	ResponseEntity<DeckUpload> uploadBody(@RequestParam(required = false) String accountId,
			@RequestParam(required = false) String deckId, @RequestParam(required = false) String name,
			@RequestParam(required = false) String item, HttpServletRequest request,
			@AuthenticationPrincipal Caller caller) throws IOException {
		return answer(this.decks.upload(new RateDecks.UploadRequest(accountId, deckId, name, item, null),
				request.getInputStream(), caller));
	}

	@GetMapping(PATH)
	@Operation(summary = "List an account's rate decks")
	Map<String, List<RateDeckInfo>> list(@RequestParam(required = false) String accountId,
			@AuthenticationPrincipal Caller caller) {
		return Map.of("rateDecks", this.decks.list(accountId, caller));
	}

	@GetMapping(PATH + "/{id}")
	RateDeckInfo get(@PathVariable String id, @AuthenticationPrincipal Caller caller) {
		return this.decks.get(id, caller);
	}

	@GetMapping(PATH + "/{id}/rates.csv")
	@Operation(summary = "A rate deck's rates", description = "A version (the newest unless given) in the upload "
			+ "format, with its item column.")
	@ApiResponse(responseCode = "200", description = "The rates",
			content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
	void rates(@PathVariable String id, @RequestParam(required = false) Integer version,
			@AuthenticationPrincipal Caller caller, HttpServletResponse response) throws IOException {
		// Checked before anything is written, so that a refusal is an error body, not a broken file.
		RateDecks.Rates rates = this.decks.rates(id, version, caller);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment().filename("rate-deck-" + id + ".csv").build().toString());
		rates.writeTo(response.getOutputStream());
	}

	/** The answers of an upload, for the API description. */
	@Retention(RetentionPolicy.RUNTIME)
	@Target(ElementType.METHOD)
	@ApiResponse(responseCode = "200", description = "The deck with its new version",
			content = @Content(schema = @Schema(implementation = DeckUpload.class)))
	@ApiResponse(responseCode = "422", description = "Lines were rejected: nothing was stored",
			content = @Content(schema = @Schema(implementation = DeckUpload.class)))
	@interface Uploaded {
	}

	private static ResponseEntity<DeckUpload> answer(DeckUpload upload) {
		return upload.refused() ? ResponseEntity.unprocessableContent().body(upload) : ResponseEntity.ok(upload);
	}

}
