package org.billingreports.security;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;

/**
 * The session cookies, named and set as ServiceStack sets them, so that Evo Voice's clients keep
 * working: {@code ss-id} (a browser-session cookie), {@code ss-pid} (permanent, sent when the user
 * asked to be remembered) and {@code ss-opt} ({@code perm} or {@code temp}: which of the two keys
 * the session). All {@code HttpOnly}, {@code SameSite=Lax}, {@code Path=/}, and {@code Secure} on
 * HTTPS. A lifetime is sent as {@code Max-Age} only: an {@code Expires} date holds a comma, which
 * ServiceStack's JavaScript client splits cookies on.
 */
final class SessionCookies {

	static final String TEMPORARY = "ss-id";

	static final String PERMANENT = "ss-pid";

	static final String OPTIONS = "ss-opt";

	private static final String REMEMBERED = "perm";

	private SessionCookies() {
	}

	/** The session id the request carries, and whether it is the permanent one. */
	record Presented(String id, boolean permanent) {
	}

	/**
	 * ServiceStack's rule: {@code ss-pid} when {@code ss-opt} says {@code perm}, else {@code ss-id};
	 * as a cookie or as an {@code X-ss-*} header. {@code null} when there is none.
	 */
	static Presented presented(HttpServletRequest request) {
		Map<String, String> cookies = cookies(request);
		String options = value(request, cookies, OPTIONS);
		boolean permanent = options != null && options.contains(REMEMBERED);
		String id = value(request, cookies, permanent ? PERMANENT : TEMPORARY);
		return (id != null && !id.isBlank()) ? new Presented(id, permanent) : null;
	}

	static void write(HttpServletResponse response, Sessions.Issued issued, Duration lifetime, boolean secure) {
		long maxAge = lifetime.toSeconds();
		add(response, TEMPORARY, issued.temporaryId(), -1, secure);
		if (issued.rememberMe()) {
			add(response, PERMANENT, issued.permanentId(), maxAge, secure);
		}
		add(response, OPTIONS, issued.rememberMe() ? REMEMBERED : "temp", maxAge, secure);
	}

	/** Signed out: both ids are dropped; {@code ss-opt} stays, as ServiceStack leaves it. */
	static void clear(HttpServletResponse response, boolean secure) {
		add(response, TEMPORARY, "", 0, secure);
		add(response, PERMANENT, "", 0, secure);
	}

	private static void add(HttpServletResponse response, String name, String value, long maxAge, boolean secure) {
		StringBuilder cookie = new StringBuilder(name).append('=').append(value);
		if (maxAge >= 0) {
			cookie.append("; Max-Age=").append(maxAge);
		}
		cookie.append("; Path=/; HttpOnly; SameSite=Lax");
		if (secure) {
			cookie.append("; Secure");
		}
		response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
	}

	private static String value(HttpServletRequest request, Map<String, String> cookies, String name) {
		String header = request.getHeader("X-" + name);
		return (header != null && !header.isBlank()) ? header.strip() : cookies.get(name);
	}

	/**
	 * The request's cookies, read leniently: a pair without a name, or with a name a cookie cannot
	 * have (ServiceStack's JavaScript client sends junk pairs such as {@code 01 Dec 2046 23:43:05 GMT=null}),
	 * is skipped rather than spoiling the others. A URI-encoded value is decoded.
	 */
	private static Map<String, String> cookies(HttpServletRequest request) {
		Map<String, String> cookies = new HashMap<>();
		var headers = request.getHeaders(HttpHeaders.COOKIE);
		while (headers != null && headers.hasMoreElements()) {
			for (String pair : headers.nextElement().split(";")) {
				int equals = pair.indexOf('=');
				if (equals <= 0) {
					continue;
				}
				String name = pair.substring(0, equals).strip();
				String value = pair.substring(equals + 1).strip();
				if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
					value = value.substring(1, value.length() - 1);
				}
				if (name.startsWith("ss-")) {
					cookies.putIfAbsent(name, decode(value));
				}
			}
		}
		return cookies;
	}

	private static String decode(String value) {
		try {
			return URLDecoder.decode(value, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return value;
		}
	}

}
