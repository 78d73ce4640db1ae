package org.billingreports.servicestack;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * ServiceStack's HTML format: what a browser gets from an API route (an {@code Accept} that puts
 * {@code text/html} first, or {@code ?format=html}): a page titled "<i>Type</i> Snapshot of
 * <i>date</i>" showing the answer, HTML-escaped, with links to the same answer as JSON. An error
 * shows its message and the fields at fault on the same page, with the error's status. Programs
 * asking for {@code *}{@code /*} get JSON: this converter comes after the JSON one.
 */
final class HtmlFormat extends AbstractHttpMessageConverter<Object> {

	private final JsonMapper jsonMapper;

	private final Clock clock;

	HtmlFormat(JsonMapper jsonMapper, Clock clock) {
		super(StandardCharsets.UTF_8, MediaType.TEXT_HTML);
		this.jsonMapper = jsonMapper.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();
		this.clock = clock;
	}

	@Override
	protected boolean supports(Class<?> type) {
		return true;
	}

	@Override
	protected boolean canRead(MediaType mediaType) {
		return false;
	}

	@Override
	protected Object readInternal(Class<?> type, HttpInputMessage input) {
		throw new HttpMessageNotReadableException("HTML is not read", input);
	}

	@Override
	protected void writeInternal(Object answer, HttpOutputMessage output) throws IOException {
		String name = name(answer);
		String now = Instant.now(this.clock).truncatedTo(ChronoUnit.SECONDS).toString();
		JsonNode json = this.jsonMapper.valueToTree(answer);
		Writer page = new OutputStreamWriter(output.getBody(), StandardCharsets.UTF_8);
		page.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
				+ "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + escape(name)
				+ " Snapshot of " + now + "</title>\n<style>body{font-family:system-ui,sans-serif;margin:2rem;"
				+ "max-width:70rem}pre{background:#f6f8fa;padding:1rem;overflow:auto;white-space:pre-wrap}"
				+ ".error{border-left:4px solid #b00020;padding:.5rem 1rem;background:#fdecee}</style>\n</head>\n"
				+ "<body>\n<h1>Snapshot of <i>" + escape(name) + "</i> generated on " + now + "</h1>\n");
		JsonNode status = json.path("responseStatus");
		if (status.isObject()) {
			page.write("<div class=\"error\" role=\"alert\"><p><strong>" + escape(status.path("errorCode").asString(""))
					+ "</strong>: " + escape(status.path("message").asString("")) + "</p>");
			List<JsonNode> errors = status.path("errors").valueStream().toList();
			if (!errors.isEmpty()) {
				page.write("<ul>");
				for (JsonNode error : errors) {
					page.write("<li><code>" + escape(error.path("fieldName").asString("")) + "</code>: "
							+ escape(error.path("message").asString("")) + "</li>");
				}
				page.write("</ul>");
			}
			page.write("</div>\n");
		}
		page.write("<pre>" + escape(this.jsonMapper.writeValueAsString(json)) + "</pre>\n");
		String jsonLink = jsonLink();
		if (jsonLink != null) {
			page.write("<p>View as <a href=\"" + escape(jsonLink) + "\">JSON</a></p>\n");
		}
		page.write("</body>\n</html>\n");
		page.flush();
	}

	/** The answer's type, as the page names it: {@code ReportInfo}, {@code ErrorResponse}. */
	private static String name(Object answer) {
		String simple = answer.getClass().getSimpleName();
		return (answer instanceof java.util.Map<?, ?> || simple.isEmpty()) ? "Response" : simple;
	}

	/** The same URL with {@code format=json}. */
	private static String jsonLink() {
		if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
			return null;
		}
		HttpServletRequest request = attributes.getRequest();
		return UriComponentsBuilder.fromPath(request.getRequestURI())
			.query(request.getQueryString())
			.replaceQueryParam("format", "json")
			.build()
			.toUriString();
	}

	private static String escape(String text) {
		return HtmlUtils.htmlEscape(text, StandardCharsets.UTF_8.name());
	}

}
