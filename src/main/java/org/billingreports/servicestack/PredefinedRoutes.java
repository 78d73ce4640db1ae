package org.billingreports.servicestack;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import org.billingreports.kernel.ErrorResponseWriter;
import org.billingreports.kernel.RequestLimits;

/**
 * ServiceStack's pre-defined routes, which its clients use by default: {@code /api/{Dto}} and
 * {@code /json/reply/{Dto}} run the request DTO's REST route (see {@link RequestDtos}) and answer as
 * it does; {@code /json/oneway/{Dto}} runs it and answers 204. The DTO's fields come from the query
 * string, a form, or a JSON body whatever its Content-Type (ServiceStack's JSON client posts JSON as
 * {@code text/plain}); those that name a part of the REST route's path fill it, and for a route that
 * reads its parameters from the query string the others become its query. Nothing is run here: the
 * request is rewritten before security and the controllers see it, so each route's rules and logic
 * stay where they are. Answers are JSON unless {@code ?format=html} asks otherwise.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class PredefinedRoutes extends OncePerRequestFilter {

	private static final Pattern ROUTE = Pattern.compile("/(api|json/reply|json/oneway)/([A-Za-z][A-Za-z0-9]*)(\\.json)?/?");

	private static final String INDEX = "/api";

	private final JsonMapper jsonMapper;

	private final ErrorResponseWriter errors;

	private final long maxBodyBytes;

	PredefinedRoutes(JsonMapper jsonMapper, ErrorResponseWriter errors, RequestLimits limits) {
		this.jsonMapper = jsonMapper;
		this.errors = errors;
		this.maxBodyBytes = limits.maxRequestBytes().toBytes();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (path.equals(INDEX) || path.equals(INDEX + "/")) {
			index(response);
			return;
		}
		Matcher route = ROUTE.matcher(path);
		if (!route.matches()) {
			chain.doFilter(request, response);
			return;
		}
		RequestDtos.RequestDto dto = RequestDtos.find(route.group(2));
		if (dto == null) {
			this.errors.write(response, HttpStatus.NOT_FOUND, "NotFound", "There is no request DTO named '"
					+ route.group(2) + "'; GET /api lists them");
			return;
		}
		if (!dto.accepts(request.getMethod())) {
			response.setHeader(HttpHeaders.ALLOW, String.join(", ", dto.allowedVerbs()));
			this.errors.write(response, HttpStatus.METHOD_NOT_ALLOWED, "MethodNotAllowed",
					dto.name() + " does not accept " + request.getMethod() + "; it accepts "
							+ String.join(", ", dto.allowedVerbs()));
			return;
		}
		RewrittenRequest rewritten;
		try {
			rewritten = rewrite(request, dto);
		}
		catch (Refused refused) {
			this.errors.write(response, refused.status, refused.errorCode, refused.getMessage());
			return;
		}
		if (!route.group(1).equals("json/oneway")) {
			chain.doFilter(rewritten, response);
			return;
		}
		ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
		chain.doFilter(rewritten, answer);
		if (HttpStatus.valueOf(answer.getStatus()).is2xxSuccessful()) {
			// One-way: run, and answer nothing.
			answer.resetBuffer();
			answer.setStatus(HttpStatus.NO_CONTENT.value());
			answer.setContentType(null);
		}
		answer.copyBodyToResponse();
	}

	private RewrittenRequest rewrite(HttpServletRequest request, RequestDtos.RequestDto dto)
			throws IOException, Refused {
		String accept = "html".equalsIgnoreCase(request.getParameter("format")) ? MediaType.TEXT_HTML_VALUE
				: MediaType.APPLICATION_JSON_VALUE;
		boolean form = isForm(request.getContentType());
		// Field names match whatever their case, as ServiceStack matches them.
		Map<String, JsonNode> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		request.getParameterMap().forEach((name, values) -> fields.put(name, this.jsonMapper.getNodeFactory()
			.stringNode(values.length > 0 ? values[0] : "")));
		ObjectNode body = (dto.rawBody() || form) ? null : jsonBody(request);
		if (body != null) {
			body.properties().forEach(field -> fields.put(field.getKey(), field.getValue()));
		}
		List<String> variables = dto.pathVariables();
		Map<String, String> pathValues = new TreeMap<>();
		for (String variable : variables) {
			JsonNode value = fields.remove(variable);
			if (value == null || value.isNull() || value.asString("").isBlank()) {
				throw new Refused(HttpStatus.BAD_REQUEST, "NotEmpty",
						dto.name() + " needs '" + variable + "': it names the record");
			}
			pathValues.put(variable, URLEncoder.encode(value.asString(), StandardCharsets.UTF_8).replace("+", "%20"));
		}
		String path = dto.expand(pathValues);
		String method = dto.anyVerb() ? request.getMethod() : dto.method().name();
		if (dto.rawBody() || (form && !readsQuery(dto, method))) {
			return new RewrittenRequest(request, method, path, request.getQueryString(), null, accept);
		}
		if (readsQuery(dto, method)) {
			return new RewrittenRequest(request, method, path, queryOf(fields), new byte[0], accept);
		}
		ObjectNode json = this.jsonMapper.createObjectNode();
		fields.forEach(json::set);
		return new RewrittenRequest(request, method, path, null, this.jsonMapper.writeValueAsBytes(json), accept);
	}

	/** GET and DELETE routes take their parameters from the query string. */
	private static boolean readsQuery(RequestDtos.RequestDto dto, String method) {
		return HttpMethod.GET.matches(method) || HttpMethod.DELETE.matches(method)
				|| (!dto.anyVerb() && (dto.method() == HttpMethod.GET || dto.method() == HttpMethod.DELETE));
	}

	/** The fields as a query string: a list as ServiceStack writes one, comma-joined. */
	private static String queryOf(Map<String, JsonNode> fields) {
		List<String> pairs = new ArrayList<>();
		fields.forEach((name, value) -> {
			if (value == null || value.isNull() || value.isObject()) {
				return;
			}
			String text = value.isArray()
					? String.join(",", value.valueStream().map(item -> item.asString("")).toList())
					: value.asString("");
			pairs.add(encode(name) + "=" + encode(text));
		});
		return pairs.isEmpty() ? null : String.join("&", pairs);
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
	}

	/** The body as JSON whatever its Content-Type, as ServiceStack reads it on these routes; none is fine. */
	private ObjectNode jsonBody(HttpServletRequest request) throws IOException, Refused {
		byte[] bytes = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, this.maxBodyBytes + 1));
		if (bytes.length > this.maxBodyBytes) {
			throw new Refused(HttpStatus.CONTENT_TOO_LARGE, "RequestTooLarge",
					"The request body is larger than the " + this.maxBodyBytes + " bytes this route accepts");
		}
		String text = new String(bytes, StandardCharsets.UTF_8);
		if (text.isBlank()) {
			return null;
		}
		try {
			JsonNode node = this.jsonMapper.readTree(text);
			if (node instanceof ObjectNode object) {
				return object;
			}
		}
		catch (JacksonException ex) {
			throw new Refused(HttpStatus.BAD_REQUEST, "SerializationException",
					"The request body is not valid JSON: " + ex.getOriginalMessage());
		}
		throw new Refused(HttpStatus.BAD_REQUEST, "SerializationException",
				"The request body must be a JSON object (one request DTO)");
	}

	private static boolean isForm(String contentType) {
		if (contentType == null) {
			return false;
		}
		String type = contentType.toLowerCase(Locale.ROOT);
		return type.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)
				|| type.startsWith(MediaType.MULTIPART_FORM_DATA_VALUE);
	}

	/** {@code GET /api}: the request DTOs, their verbs and the REST routes they run. */
	private void index(HttpServletResponse response) throws IOException {
		List<Map<String, Object>> apis = RequestDtos.all()
			.stream()
			.map(dto -> Map.<String, Object>of("name", dto.name(), "verbs", dto.allowedVerbs(), "route",
					dto.method().name() + " " + dto.path()))
			.toList();
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		this.jsonMapper.writeValue(response.getOutputStream(), Map.of("apis", apis));
	}

	/** A request this filter answers itself with an error. */
	private static final class Refused extends Exception {

		private final HttpStatus status;

		private final String errorCode;

		Refused(HttpStatus status, String errorCode, String message) {
			super(message, null, false, false);
			this.status = status;
			this.errorCode = errorCode;
		}

	}

}
