package org.billingreports.ingestion;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import org.billingreports.calls.PushedCalls;
import org.billingreports.calls.RejectedLineException;
import org.billingreports.calls.SwitchCall;
import org.billingreports.kernel.ApiException;
import org.billingreports.kernel.RequestLimits;
import org.billingreports.security.Caller;
import org.billingreports.security.RequestQuotas;

/**
 * Where FreeSWITCH posts its legs ({@code api.md}, Switches): {@code mod_json_cdr} at
 * {@code POST /calls/freeswitch/{accountId}}, {@code mod_xml_cdr} at {@code …/xml}, each with the {@code ?uuid=}
 * the module appends. 200 means the leg is stored, now or before (the same answer to a leg posted again);
 * 422 that it cannot be billed, kept as a rejection (the switch keeps it in its error folder too); 503 with
 * {@code Retry-After} that it was not taken and must be posted again.
 */
@RestController
class FreeSwitchPushController {

	static final String PATH = "/calls/freeswitch/{accountId}";

	private final PushedCalls calls;

	private final PushRejections rejections;

	private final PushAdmission admission;

	private final long maxBytes;

	private final RequestQuotas quotas;

	FreeSwitchPushController(PushedCalls calls, PushRejections rejections, PushAdmission admission,
			RequestLimits limits, RequestQuotas quotas) {
		this.quotas = quotas;
		this.calls = calls;
		this.rejections = rejections;
		this.admission = admission;
		this.maxBytes = limits.maxRequestBytes().toBytes();
	}

	@PostMapping(PATH)
	@Operation(summary = "A FreeSWITCH leg (mod_json_cdr)", description = "The body as mod_json_cdr posts it: the "
			+ "JSON, cdr=<URL-encoded JSON>, or cdr=<Base64 JSON> (formats.md, FreeSWITCH over HTTP). 200: stored, now "
			+ "or before; 422: it cannot be billed, and is kept as a rejection; 503: post it again after Retry-After.")
	@RequestBody(content = { @Content(mediaType = "application/json", schema = @Schema(type = "object")),
			@Content(mediaType = "application/x-www-form-urlencoded", schema = @Schema(type = "string")),
			@Content(mediaType = "application/x-www-form-base64-encoded", schema = @Schema(type = "string")) })
	PushedCalls.Stored json(@PathVariable String accountId, HttpServletRequest request,
			@AuthenticationPrincipal Caller caller) throws IOException {
		return push(accountId, "freeswitch-json", request, caller, JsonLeg::read);
	}

	@PostMapping(PATH + "/xml")
	@Operation(summary = "A FreeSWITCH leg (mod_xml_cdr)", description = "The body as mod_xml_cdr posts it: "
			+ "cdr=<XML>, cdr=<URL-encoded XML>, cdr=<Base64 XML>, or the XML itself (text/xml). No DTD is read.")
	@RequestBody(content = { @Content(mediaType = "text/xml", schema = @Schema(type = "string")),
			@Content(mediaType = "application/x-www-form-urlencoded", schema = @Schema(type = "string")) })
	PushedCalls.Stored xml(@PathVariable String accountId, HttpServletRequest request,
			@AuthenticationPrincipal Caller caller) throws IOException {
		return push(accountId, "freeswitch-xml", request, caller, XmlLeg::read);
	}

	@GetMapping(PATH + "/rejections")
	Map<String, List<PushRejections.RejectedLeg>> rejections(@PathVariable String accountId,
			@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
			@AuthenticationPrincipal Caller caller) {
		return Map.of("rejections", this.rejections.recent(accountId, from, to, 1000, caller));
	}

	@GetMapping(PATH + "/rejections/{id}")
	@Operation(summary = "A rejected leg's body", description = "As it was posted, to post again once fixed.")
	@ApiResponse(responseCode = "200", description = "The body",
			content = @Content(mediaType = "text/plain", schema = @Schema(type = "string")))
	ResponseEntity<String> rejectedBody(@PathVariable String accountId, @PathVariable long id,
			@AuthenticationPrincipal Caller caller) {
		String body = this.rejections.body(accountId, id, caller)
			.orElseThrow(() -> ApiException.notFound("Rejection", String.valueOf(id)));
		return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8)).body(body);
	}

	private PushedCalls.Stored push(String accountId, String source, HttpServletRequest request, Caller caller,
			Function<PostedBody, LegDocument> reader) throws IOException {
		caller.requireSwitchOf(accountId);
		this.quotas.spend(caller, RequestQuotas.Kind.ingestion);
		byte[] body = body(request);
		return this.admission.admitted(() -> {
			this.calls.requireAccount(accountId);
			SwitchCall call = null;
			try {
				call = FreeSwitchLeg.read(reader.apply(PostedBody.of(body, request.getContentType())));
				return this.calls.store(accountId, call);
			}
			catch (UnreadableLegException | RejectedLineException ex) {
				String callId = (call != null) ? call.callId() : queryUuid(request);
				this.rejections.record(accountId, source, callId, ex.getMessage(), request.getContentType(),
						new String(body, StandardCharsets.UTF_8));
				throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT,
						(ex instanceof UnreadableLegException) ? "UnreadableLeg" : "LegRejected",
						ex.getMessage() + " (kept as a rejection of the account)");
			}
		});
	}

	/**
	 * The leg's uuid as the module appends it ({@code ?uuid=}, {@code a_} before an A leg's when
	 * {@code prefix-a-leg} is set), read from the query string alone: parameters would read the form body.
	 */
	private static String queryUuid(HttpServletRequest request) {
		String query = request.getQueryString();
		String uuid = (query != null)
				? UriComponentsBuilder.newInstance().query(query).build().getQueryParams().getFirst("uuid") : null;
		return (uuid != null && uuid.startsWith("a_")) ? uuid.substring(2) : uuid;
	}

	/** The posted body, read whole before anything else reads it (never as form parameters: they decode it). */
	private byte[] body(HttpServletRequest request) throws IOException {
		try (InputStream in = request.getInputStream()) {
			byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, this.maxBytes + 1));
			if (body.length > this.maxBytes) {
				throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "RequestTooLarge",
						"A leg is at most " + this.maxBytes + " bytes");
			}
			return body;
		}
	}

}
