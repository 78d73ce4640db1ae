package org.billingreports.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.Enumeration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Authenticates an API key, sent as ServiceStack's clients send one: {@code Authorization: Bearer
 * <key>}, HTTP Basic with the key as the user name and an empty password, or (only when
 * {@code billing.security.api-keys-in-query} allows it) {@code ?apikey=<key>}. A key that is not
 * live answers 401. The command line's token ({@link LocalOperator}) is taken the same way.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

	static final String BEARER = "Bearer ";

	static final String BASIC = "Basic ";

	private static final String QUERY_PARAMETER = "apikey";

	private final ApiKeys apiKeys;

	private final UserRepository users;

	private final AuthenticationEntryPoint entryPoint;

	private final boolean keysInQuery;

	private final LocalOperator localOperator;

	ApiKeyAuthenticationFilter(ApiKeys apiKeys, UserRepository users, AuthenticationEntryPoint entryPoint,
			boolean keysInQuery, LocalOperator localOperator) {
		this.localOperator = localOperator;
		this.apiKeys = apiKeys;
		this.users = users;
		this.entryPoint = entryPoint;
		this.keysInQuery = keysInQuery;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String key = presentedKey(request, this.keysInQuery);
		if (key == null) {
			chain.doFilter(request, response);
			return;
		}
		Caller caller = this.localOperator.authenticates(key, request.getMethod()) ? Caller.commandLine()
				: this.apiKeys.authenticate(key).flatMap(this.users::findById).orElse(null);
		if (caller == null) {
			SecurityContextHolder.clearContext();
			this.entryPoint.commence(request, response, new BadCredentialsException("Invalid API key"));
			return;
		}
		caller.eraseCredentials();
		var authentication = UsernamePasswordAuthenticationToken.authenticated(caller, null, caller.getAuthorities());
		SecurityContextHolder.getContext().setAuthentication(authentication);
		// The key is spent: HTTP Basic must not read it again as a user name.
		chain.doFilter(new WithoutAuthorization(request), response);
	}

	/** The API key the request carries, or {@code null}. */
	static String presentedKey(HttpServletRequest request, boolean keysInQuery) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return header.substring(BEARER.length()).strip();
		}
		if (header != null && header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
			String decoded = decodeBasic(header);
			// No user has an empty password: "name:" is ServiceStack's way of sending a key.
			return (decoded != null && decoded.endsWith(":") && decoded.indexOf(':') == decoded.length() - 1
					&& decoded.length() > 1) ? decoded.substring(0, decoded.length() - 1) : null;
		}
		if (header == null && keysInQuery && request.getQueryString() != null) {
			// From the query string alone: reading parameters would read a form or an upload's body.
			String key = UriComponentsBuilder.newInstance()
				.query(request.getQueryString())
				.build(true)
				.getQueryParams()
				.getFirst(QUERY_PARAMETER);
			return (key != null && !key.isBlank()) ? java.net.URLDecoder.decode(key, StandardCharsets.UTF_8) : null;
		}
		return null;
	}

	/** {@code user:password} from a Basic header, or {@code null} when it is not Base64. */
	static String decodeBasic(String header) {
		try {
			return new String(Base64.getDecoder().decode(header.substring(BASIC.length()).strip()),
					StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** The request without its {@code Authorization} header: credentials once spent are not read again. */
	static final class WithoutAuthorization extends HttpServletRequestWrapper {

		WithoutAuthorization(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getHeader(String name) {
			return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name) ? null : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name) ? Collections.emptyEnumeration()
					: super.getHeaders(name);
		}

	}

}
