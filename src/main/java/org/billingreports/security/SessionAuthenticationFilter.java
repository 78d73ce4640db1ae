package org.billingreports.security;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs a request in by its session cookie (see {@link SessionCookies}), unless it carries explicit
 * credentials. An unknown, ended or tampered session signs nobody in: a protected route answers 401.
 * <p>
 * Cross-site request forgery: the cookies are {@code SameSite=Lax}, as ServiceStack's are, and in
 * addition a cookie counts only on requests that a browser says come from this service's own pages
 * ({@code Sec-Fetch-Site} {@code same-origin} or {@code none}) or that come from programs, which send
 * no {@code Sec-Fetch-Site}; and never with an {@code Origin} of another host. So another site can
 * neither post to the API nor trigger a report with a link, in the victim's name.
 */
class SessionAuthenticationFilter extends OncePerRequestFilter {

	private static final Set<String> OWN_PAGES = Set.of("same-origin", "none");

	/** A request attribute: the request carried session cookies that did not count, being cross-site. */
	static final String CROSS_SITE = SessionAuthenticationFilter.class.getName() + ".crossSite";

	private final Sessions sessions;

	SessionAuthenticationFilter(Sessions sessions) {
		this.sessions = sessions;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		SessionCookies.Presented presented = SessionCookies.presented(request);
		if (presented != null && isCrossSite(request)) {
			// Said in the 401, so that whoever wonders why a good cookie did not count learns it.
			request.setAttribute(CROSS_SITE, Boolean.TRUE);
		}
		else if (presented != null && request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
			this.sessions.find(presented.id(), presented.permanent()).ifPresent(caller -> {
				caller.eraseCredentials();
				SecurityContextHolder.getContext()
					.setAuthentication(
							UsernamePasswordAuthenticationToken.authenticated(caller, null, caller.getAuthorities()));
			});
		}
		chain.doFilter(request, response);
	}

	static boolean isCrossSite(HttpServletRequest request) {
		String fetchSite = request.getHeader("Sec-Fetch-Site");
		if (fetchSite != null && !OWN_PAGES.contains(fetchSite.strip().toLowerCase(Locale.ROOT))) {
			return true;
		}
		// An opaque origin ("null": a sandboxed frame, a file) is another site too.
		String origin = request.getHeader(HttpHeaders.ORIGIN);
		return origin != null && !sameHost(origin, request.getHeader(HttpHeaders.HOST));
	}

	/** Whether the Origin header names the host (and port) the request was sent to. */
	private static boolean sameHost(String origin, String host) {
		try {
			String authority = URI.create(origin.strip()).getRawAuthority();
			return authority != null && host != null && authority.equalsIgnoreCase(host.strip());
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
