package org.billingreports.security;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import org.billingreports.kernel.ErrorResponseWriter;

/**
 * Counts failed logins (a 401 for a request that carried credentials) per user name or API key and
 * per client address, and refuses further attempts with 429 while {@link LoginThrottle} says so; a switch's
 * pushes count apart from people's logins.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

	private final LoginThrottle throttle;

	private final ErrorResponseWriter errors;

	private final boolean keysInQuery;

	LoginThrottleFilter(LoginThrottle throttle, ErrorResponseWriter errors, boolean keysInQuery) {
		this.throttle = throttle;
		this.errors = errors;
		this.keysInQuery = keysInQuery;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String user = claimedIdentity(request);
		if (user == null) {
			chain.doFilter(request, response);
			return;
		}
		String address = request.getRemoteAddr();
		LoginThrottle.Scope scope = isIngestion(request) ? LoginThrottle.Scope.ingestion : LoginThrottle.Scope.people;
		Duration wait = this.throttle.blockedFor(scope, user, address);
		if (wait != null) {
			response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, wait.toSeconds())));
			this.errors.write(response, HttpStatus.TOO_MANY_REQUESTS, "TooManyLoginFailures",
					"Too many failed logins; try again in " + Math.max(1, wait.toSeconds()) + " seconds");
			return;
		}
		chain.doFilter(request, response);
		if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
			this.throttle.failed(scope, user, address);
		}
		else {
			this.throttle.succeeded(scope, user, address);
		}
	}

	/** Whether a switch pushes call records: its failures count apart from people's. */
	private static boolean isIngestion(HttpServletRequest request) {
		return request.getRequestURI().startsWith(request.getContextPath() + SecurityConfiguration.SWITCH_PUSH_PREFIX);
	}

	/** The user name of Basic credentials, or the id of an API key; never the secret. */
	private String claimedIdentity(HttpServletRequest request) {
		String key = ApiKeyAuthenticationFilter.presentedKey(request, this.keysInQuery);
		if (key != null) {
			return ApiKeys.claimedIdentity(key);
		}
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, ApiKeyAuthenticationFilter.BASIC, 0,
				ApiKeyAuthenticationFilter.BASIC.length())) {
			return null;
		}
		String decoded = ApiKeyAuthenticationFilter.decodeBasic(header);
		int colon = (decoded != null) ? decoded.indexOf(':') : -1;
		return (colon > 0) ? decoded.substring(0, colon) : null;
	}

}
