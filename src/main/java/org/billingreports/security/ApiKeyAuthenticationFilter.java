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

/** Authenticates {@code Authorization: Bearer <api key>}; a key that is not live answers 401. */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

	static final String BEARER = "Bearer ";

	private final ApiKeys apiKeys;

	private final UserRepository users;

	private final AuthenticationEntryPoint entryPoint;

	ApiKeyAuthenticationFilter(ApiKeys apiKeys, UserRepository users, AuthenticationEntryPoint entryPoint) {
		this.apiKeys = apiKeys;
		this.users = users;
		this.entryPoint = entryPoint;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			chain.doFilter(request, response);
			return;
		}
		Caller caller = this.apiKeys.authenticate(header.substring(BEARER.length()).strip())
			.flatMap(this.users::findById)
			.orElse(null);
		if (caller == null) {
			SecurityContextHolder.clearContext();
			this.entryPoint.commence(request, response, new BadCredentialsException("Invalid API key"));
			return;
		}
		caller.eraseCredentials();
		var authentication = UsernamePasswordAuthenticationToken.authenticated(caller, null, caller.getAuthorities());
		SecurityContextHolder.getContext().setAuthentication(authentication);
		chain.doFilter(request, response);
	}

}
