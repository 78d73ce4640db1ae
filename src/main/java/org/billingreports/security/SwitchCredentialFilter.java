package org.billingreports.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a switch credential ({@link SwitchCredentials}) sent as HTTP Basic; other Basic credentials
 * go on to the users' and API keys' checks. A wrong or revoked one answers 401.
 */
class SwitchCredentialFilter extends OncePerRequestFilter {

	private final SwitchCredentials credentials;

	private final AuthenticationEntryPoint entryPoint;

	SwitchCredentialFilter(SwitchCredentials credentials, AuthenticationEntryPoint entryPoint) {
		this.credentials = credentials;
		this.entryPoint = entryPoint;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		String decoded = (header != null && header.regionMatches(true, 0, ApiKeyAuthenticationFilter.BASIC, 0,
				ApiKeyAuthenticationFilter.BASIC.length())) ? ApiKeyAuthenticationFilter.decodeBasic(header) : null;
		int colon = (decoded != null) ? decoded.indexOf(':') : -1;
		if (colon < 0 || !SwitchCredentials.isSwitchUsername(decoded.substring(0, colon))) {
			chain.doFilter(request, response);
			return;
		}
		Caller caller = this.credentials.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1))
			.orElse(null);
		if (caller == null) {
			SecurityContextHolder.clearContext();
			this.entryPoint.commence(request, response, new BadCredentialsException("Invalid switch credential"));
			return;
		}
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(caller, null, caller.getAuthorities()));
		chain.doFilter(new ApiKeyAuthenticationFilter.WithoutAuthorization(request), response);
	}

}
