package org.billingreports.security;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

import org.billingreports.kernel.ErrorResponseWriter;

/**
 * HTTP Basic against the users table, an API key (see {@link ApiKeyAuthenticationFilter}), or a
 * session signed in at {@code POST /auth/credentials} (see {@link SessionAuthenticationFilter}, which
 * also holds the rule against cross-site request forgery; Spring's own CSRF tokens and HTTP sessions
 * are off). Failures answer in the ServiceStack error shape.
 * A billing file may also be fetched with the signed token of its download link, checked by the
 * report routes. Which role may do what, in which tenant, is checked per route through
 * {@link Caller}. The OpenAPI description and the health status are open to all; the other
 * actuator endpoints (metrics) are for SystemAdministrators.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String REALM = "billing-reports";

	/** Where the operator console's pages are (an entry point above this package: only its path is known here). */
	private static final String CONSOLE = "/console";

	/** Where switches push call records (an entry point above this package: only its paths are known here). */
	static final String SWITCH_PUSH_PREFIX = "/calls/freeswitch/";

	private static final String SWITCH_PUSH_ROUTES = SWITCH_PUSH_PREFIX + "**";

	private static final Pattern DOWNLOAD_ROUTE = Pattern.compile("/reports/(?!billing$)[^/.]+");

	@Bean
	@ConditionalOnWebApplication
	SecurityFilterChain apiSecurity(HttpSecurity http, ErrorResponseWriter errors, ApiKeys apiKeys,
			UserRepository users, LoginThrottle throttle, Sessions sessions, SecurityProperties properties,
			LocalOperator localOperator, SwitchCredentials switchCredentials) throws Exception {
		AuthenticationEntryPoint entryPoint = (request, response, ex) -> {
			if (isConsolePage(request)) {
				toSignInForm(request, response);
				return;
			}
			response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
			errors.write(response, HttpStatus.UNAUTHORIZED, "Unauthorized",
					(request.getAttribute(SessionAuthenticationFilter.CROSS_SITE) != null)
							? "Session cookies do not count on a request from another site; send it from this "
									+ "service's own pages, or with credentials"
							: "Send valid credentials: HTTP Basic with a user name and password, Bearer with an API "
									+ "key, or the session cookies of POST /auth/credentials");
		};
		boolean keysInQuery = properties.apiKeysInQuery();
		ApiKeyAuthenticationFilter apiKeyFilter = new ApiKeyAuthenticationFilter(apiKeys, users, entryPoint,
				keysInQuery, localOperator);
		http.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests(requests -> requests.requestMatchers("/error")
				.permitAll()
				// A download checks its link's token, or the caller, itself.
				.requestMatchers(HttpMethod.GET, "/reports/*.csv", "/reports/*.xlsx", "/reports/*/calls.csv",
						"/reports/*/lines")
				.permitAll()
				.requestMatchers(SecurityConfiguration::isDownloadByFormat)
				.permitAll()
				// Signing in and out, and asking whether one is signed in; the console's sign-in form, its
				// scripts and styles, and its address ("/", which sends a browser on to the console).
				.requestMatchers("/auth", "/auth/**", CONSOLE + "/login")
				.permitAll()
				.requestMatchers(HttpMethod.GET, "/", CONSOLE + "/assets/**")
				.permitAll()
				// The API's description, and whether the service is up (details for administrators only).
				.requestMatchers(HttpMethod.GET, "/openapi", "/openapi/**", "/swagger-ui", "/swagger-ui/**",
						"/actuator/health", "/actuator/health/**")
				.permitAll()
				.requestMatchers("/actuator/**")
				.hasRole(Role.SystemAdministrator.name())
				// Pushed call records: a switch's own credential may do this and nothing else.
				.requestMatchers(HttpMethod.POST, SWITCH_PUSH_ROUTES)
				.hasAnyAuthority(Role.SystemAdministrator.authority(), Role.Manager.authority(),
						Role.Customer.authority(), Caller.SWITCH_AUTHORITY)
				.anyRequest()
				.hasAnyRole(Role.SystemAdministrator.name(), Role.Manager.name(), Role.Customer.name()))
			.httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(entryPoint))
			.exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler((request, response, ex) -> errors.write(response, HttpStatus.FORBIDDEN,
						"Forbidden", "Your role may not do this")))
			.addFilterBefore(apiKeyFilter, BasicAuthenticationFilter.class)
			.addFilterAfter(new SwitchCredentialFilter(switchCredentials, entryPoint), ApiKeyAuthenticationFilter.class)
			.addFilterBefore(new SessionAuthenticationFilter(sessions), ApiKeyAuthenticationFilter.class)
			.addFilterBefore(new LoginThrottleFilter(throttle, errors, keysInQuery), SessionAuthenticationFilter.class);
		return http.build();
	}

	private static boolean isConsolePage(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.equals(CONSOLE) || path.startsWith(CONSOLE + "/");
	}

	/**
	 * A console page asked for without a session goes to the sign-in form, which comes back to it; a
	 * page's live part (htmx) has the whole page go there.
	 */
	private static void toSignInForm(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String page = request.getRequestURI() + ((request.getQueryString() != null) ? "?" + request.getQueryString() : "");
		String signIn = request.getContextPath() + CONSOLE + "/login?next="
				+ URLEncoder.encode(page, StandardCharsets.UTF_8);
		if (request.getHeader("HX-Request") != null) {
			response.setHeader("HX-Redirect", signIn);
			response.setStatus(HttpStatus.UNAUTHORIZED.value());
			return;
		}
		response.sendRedirect(signIn);
	}

	/** {@code GET /reports/{id}?format=csv} (or {@code xlsx}): a download, as the suffix is. */
	private static boolean isDownloadByFormat(HttpServletRequest request) {
		if (!"GET".equals(request.getMethod())) {
			// Never read parameters of other methods: that would consume a posted form (a switch's leg).
			return false;
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String format = request.getParameter("format");
		return DOWNLOAD_ROUTE.matcher(path).matches() && ("csv".equals(format) || "xlsx".equals(format));
	}

	@Bean
	UserDetailsService userDetailsService(UserRepository users) {
		return username -> users.findByUsername(username)
			.orElseThrow(() -> new UsernameNotFoundException("No such user"));
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

}
