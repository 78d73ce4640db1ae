package org.billingreports.servicestack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.UriComponentsBuilder;

import org.billingreports.calls.CallImportController;
import org.billingreports.kernel.ApiException;
import org.billingreports.kernel.ErrorResponseWriter;


/**
 * ServiceStack's format selection, ahead of everything else (security included): a {@code .json}
 * suffix or {@code ?format=json} asks for JSON, {@code ?format=html} for the HTML page a browser
 * gets, {@code ?format=csv} or {@code xlsx} for a report's file (any other route answers 406 to
 * those); another format is a 400 naming the supported ones. {@code ?callback=fn} wraps a JSON
 * answer as JSONP, {@code fn(…)} with {@code application/javascript}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ServiceStackFormatFilter extends OncePerRequestFilter {

	private static final String JSON_SUFFIX = ".json";

	/** What {@code ?format=} may ask for, as the {@code Accept} header it stands for. */
	static final Map<String, String> FORMATS = Map.of("json", MediaType.APPLICATION_JSON_VALUE, "html",
			MediaType.TEXT_HTML_VALUE, "csv", "text/csv", "xlsx",
			"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

	static final String SUPPORTED = "json, html, csv (a report's file) or xlsx (a report's workbook)";

	/** A JavaScript identifier path such as {@code fn} or {@code app.cb_1}: nothing that could inject script. */
	private static final Pattern CALLBACK = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*){0,4}");

	private static final int MAX_CALLBACK_LENGTH = 100;

	private final ErrorResponseWriter errorWriter;

	ServiceStackFormatFilter(ErrorResponseWriter errorWriter) {
		this.errorWriter = errorWriter;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		var query = UriComponentsBuilder.newInstance().query(request.getQueryString()).build().getQueryParams();
		boolean suffix = request.getRequestURI().endsWith(JSON_SUFFIX);
		// On the import route, format names the call-record file's format (api.md's routes), not the answer's.
		String format = request.getRequestURI().startsWith(CallImportController.PATH) ? null
				: query.getFirst("format");
		format = (format == null || format.isBlank()) ? null : format;
		String accept = (format != null) ? FORMATS.get(format.strip().toLowerCase(Locale.ROOT)) : null;
		if (format != null && accept == null) {
			this.errorWriter.write(response, HttpStatus.BAD_REQUEST, "InvalidFormat",
					"format '" + ApiException.echo(format) + "' is not supported; use " + SUPPORTED);
			return;
		}
		if (suffix) {
			accept = MediaType.APPLICATION_JSON_VALUE;
		}
		HttpServletRequest effective = (accept != null) ? new FormatRequest(request, suffix, accept) : request;
		String callback = query.getFirst("callback");
		if (callback == null || callback.isEmpty()) {
			chain.doFilter(effective, response);
			return;
		}
		if (callback.length() > MAX_CALLBACK_LENGTH || !CALLBACK.matcher(callback).matches()) {
			this.errorWriter.write(response, HttpStatus.BAD_REQUEST, "InvalidCallback",
					"callback must be a JavaScript function name such as 'handleReport'");
			return;
		}
		ContentCachingResponseWrapper caching = new ContentCachingResponseWrapper(response);
		chain.doFilter(effective, caching);
		String contentType = caching.getContentType();
		if (contentType != null && MediaType.parseMediaType(contentType).getSubtype().contains("json")) {
			byte[] json = caching.getContentAsByteArray();
			caching.resetBuffer();
			caching.setContentType("application/javascript;charset=UTF-8");
			caching.getOutputStream().write((callback + "(").getBytes(StandardCharsets.UTF_8));
			caching.getOutputStream().write(json);
			caching.getOutputStream().write(");".getBytes(StandardCharsets.UTF_8));
		}
		caching.copyBodyToResponse();
	}

	/** The request as the rest of the service should see it: without the suffix, asking for the format. */
	private static final class FormatRequest extends HttpServletRequestWrapper {

		private final boolean stripSuffix;

		private final String accept;

		FormatRequest(HttpServletRequest request, boolean stripSuffix, String accept) {
			super(request);
			this.stripSuffix = stripSuffix;
			this.accept = accept;
		}

		private String strip(String path) {
			return (this.stripSuffix && path.endsWith(JSON_SUFFIX))
					? path.substring(0, path.length() - JSON_SUFFIX.length()) : path;
		}

		@Override
		public String getRequestURI() {
			return strip(super.getRequestURI());
		}

		@Override
		public StringBuffer getRequestURL() {
			return new StringBuffer(strip(super.getRequestURL().toString()));
		}

		@Override
		public String getServletPath() {
			return strip(super.getServletPath());
		}

		@Override
		public String getHeader(String name) {
			return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? this.accept : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return HttpHeaders.ACCEPT.equalsIgnoreCase(name)
					? Collections.enumeration(List.of(this.accept))
					: super.getHeaders(name);
		}

	}

}
