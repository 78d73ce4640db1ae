package org.billingreports.servicestack;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A pre-defined route's request as the REST route it stands for: another verb, path and query
 * string, and a JSON body (or none) in place of what was sent. Everything downstream (security,
 * binding, controllers) sees only the REST route.
 */
final class RewrittenRequest extends HttpServletRequestWrapper {

	private final String method;

	/** The REST route's path, its variables URL-encoded, as a request URI has them. */
	private final String path;

	private final String queryString;

	private final Map<String, String[]> parameters;

	/** The body to read; {@code null}: the original request's, as sent. */
	private final byte[] body;

	private final String accept;

	/**
	 * @param body a JSON body, an empty array for none, or {@code null} to keep the request's own body
	 * and parameters (a form, a file)
	 * @param accept the {@code Accept} header downstream sees
	 */
	RewrittenRequest(HttpServletRequest request, String method, String path, String queryString, byte[] body,
			String accept) {
		super(request);
		this.method = method;
		this.path = path;
		this.queryString = queryString;
		this.body = body;
		this.accept = accept;
		this.parameters = (body != null) ? parse(queryString) : null;
	}

	private static Map<String, String[]> parse(String queryString) {
		MultiValueMap<String, String> query = (queryString != null)
				? UriComponentsBuilder.newInstance().query(queryString).build().getQueryParams()
				: new LinkedMultiValueMap<>();
		Map<String, String[]> parameters = new LinkedHashMap<>();
		query.forEach((name, values) -> parameters.put(decode(name),
				values.stream().map(value -> (value != null) ? decode(value) : "").toArray(String[]::new)));
		return Collections.unmodifiableMap(parameters);
	}

	private static String decode(String text) {
		return java.net.URLDecoder.decode(text, StandardCharsets.UTF_8);
	}

	@Override
	public String getMethod() {
		return this.method;
	}

	@Override
	public String getRequestURI() {
		return getContextPath() + this.path;
	}

	@Override
	public StringBuffer getRequestURL() {
		StringBuffer url = new StringBuffer(super.getRequestURL());
		url.setLength(url.length() - super.getRequestURI().length());
		return url.append(getRequestURI());
	}

	/** Decoded, as a servlet path is. */
	@Override
	public String getServletPath() {
		return decode(this.path.replace("+", "%2B"));
	}

	@Override
	public String getPathInfo() {
		return null;
	}

	@Override
	public String getQueryString() {
		return this.queryString;
	}

	@Override
	public String getParameter(String name) {
		if (this.parameters == null) {
			return super.getParameter(name);
		}
		String[] values = this.parameters.get(name);
		return (values != null && values.length > 0) ? values[0] : null;
	}

	@Override
	public Map<String, String[]> getParameterMap() {
		return (this.parameters != null) ? this.parameters : super.getParameterMap();
	}

	@Override
	public Enumeration<String> getParameterNames() {
		return (this.parameters != null) ? Collections.enumeration(this.parameters.keySet())
				: super.getParameterNames();
	}

	@Override
	public String[] getParameterValues(String name) {
		return (this.parameters != null) ? this.parameters.get(name) : super.getParameterValues(name);
	}

	@Override
	public String getContentType() {
		if (this.body == null) {
			return super.getContentType();
		}
		return (this.body.length > 0) ? MediaType.APPLICATION_JSON_VALUE : null;
	}

	@Override
	public int getContentLength() {
		return (this.body != null) ? this.body.length : super.getContentLength();
	}

	@Override
	public long getContentLengthLong() {
		return (this.body != null) ? this.body.length : super.getContentLengthLong();
	}

	@Override
	public String getHeader(String name) {
		List<String> values = headerValues(name);
		return (values != null) ? (values.isEmpty() ? null : values.get(0)) : super.getHeader(name);
	}

	@Override
	public Enumeration<String> getHeaders(String name) {
		List<String> values = headerValues(name);
		return (values != null) ? Collections.enumeration(values) : super.getHeaders(name);
	}

	/** The headers this request answers itself; {@code null} for those of the original request. */
	private List<String> headerValues(String name) {
		if (HttpHeaders.ACCEPT.equalsIgnoreCase(name)) {
			return List.of(this.accept);
		}
		if (this.body != null && HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)) {
			return (this.body.length > 0) ? List.of(MediaType.APPLICATION_JSON_VALUE) : List.of();
		}
		if (this.body != null && HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)) {
			return List.of(String.valueOf(this.body.length));
		}
		return null;
	}

	@Override
	public ServletInputStream getInputStream() throws IOException {
		if (this.body == null) {
			return super.getInputStream();
		}
		ByteArrayInputStream bytes = new ByteArrayInputStream(this.body);
		return new ServletInputStream() {

			@Override
			public int read() {
				return bytes.read();
			}

			@Override
			public int read(byte[] buffer, int offset, int length) {
				return bytes.read(buffer, offset, length);
			}

			@Override
			public boolean isFinished() {
				return bytes.available() == 0;
			}

			@Override
			public boolean isReady() {
				return true;
			}

			@Override
			public void setReadListener(ReadListener listener) {
				throw new UnsupportedOperationException("The body is read at once");
			}

		};
	}

	@Override
	public BufferedReader getReader() throws IOException {
		return (this.body == null) ? super.getReader()
				: new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
	}

}
