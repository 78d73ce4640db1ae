package org.billingreports.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import org.billingreports.web.ErrorResponseWriter;

/**
 * Counts failed logins (a 401 for a request that carried credentials) per user name or API key and
 * per client address, and refuses further attempts with 429 while {@link LoginThrottle} says so.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

	private final LoginThrottle throttle;

	private final ErrorResponseWriter errors;

	LoginThrottleFilter(LoginThrottle throttle, ErrorResponseWriter errors) {
		this.throttle = throttle;
		this.errors = errors;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String user = claimedIdentity(request.getHeader(HttpHeaders.AUTHORIZATION));
		if (user == null) {
			chain.doFilter(request, response);
			return;
		}
		String address = request.getRemoteAddr();
		Duration wait = this.throttle.blockedFor(user, address);
		if (wait != null) {
			response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, wait.toSeconds())));
			this.errors.write(response, HttpStatus.TOO_MANY_REQUESTS, "TooManyLoginFailures",
					"Too many failed logins; try again in " + Math.max(1, wait.toSeconds()) + " seconds");
			return;
		}
		chain.doFilter(request, response);
		if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
			this.throttle.failed(user, address);
		}
		else {
			this.throttle.succeeded(user, address);
		}
	}

	/** The user name of Basic credentials, or the id of an API key; never the secret. */
	private static String claimedIdentity(String header) {
		if (header == null) {
			return null;
		}
		if (header.regionMatches(true, 0, ApiKeyAuthenticationFilter.BEARER, 0,
				ApiKeyAuthenticationFilter.BEARER.length())) {
			String keyId = ApiKeys.keyId(header.substring(ApiKeyAuthenticationFilter.BEARER.length()).strip());
			return (keyId != null) ? "key:" + keyId : "key:?";
		}
		if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
			try {
				String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()),
						StandardCharsets.UTF_8);
				int colon = decoded.indexOf(':');
				return (colon > 0) ? decoded.substring(0, colon) : null;
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}
		return null;
	}

}
