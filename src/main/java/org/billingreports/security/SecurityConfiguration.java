package org.billingreports.security;

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

import org.billingreports.web.ErrorResponseWriter;

/**
 * HTTP Basic against the users table, or an API key as a Bearer token; stateless, no sessions, no
 * CSRF (an API for programs, not a browser form). Failures answer in the ServiceStack error shape.
 * A billing file may also be fetched with the signed token of its download link, checked by the
 * report routes. Which role may do what, in which tenant, is checked per route through
 * {@link Caller}. The OpenAPI description and the health status are open to all; the other
 * actuator endpoints (metrics) are for SystemAdministrators.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String REALM = "billing-reports";

	@Bean
	@ConditionalOnWebApplication
	SecurityFilterChain apiSecurity(HttpSecurity http, ErrorResponseWriter errors, ApiKeys apiKeys,
			UserRepository users, LoginThrottle throttle) throws Exception {
		AuthenticationEntryPoint entryPoint = (request, response, ex) -> {
			response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
			errors.write(response, HttpStatus.UNAUTHORIZED, "Unauthorized",
					"Send valid credentials: HTTP Basic with a user name and password, or Bearer with an API key");
		};
		ApiKeyAuthenticationFilter apiKeyFilter = new ApiKeyAuthenticationFilter(apiKeys, users, entryPoint);
		http.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests(requests -> requests.requestMatchers("/error")
				.permitAll()
				.requestMatchers(HttpMethod.GET, "/reports/*.csv")
				.permitAll()
				// The API's description, and whether the service is up (details for administrators only).
				.requestMatchers(HttpMethod.GET, "/openapi", "/openapi/**", "/swagger-ui", "/swagger-ui/**",
						"/actuator/health", "/actuator/health/**")
				.permitAll()
				.requestMatchers("/actuator/**")
				.hasRole(Role.SystemAdministrator.name())
				.anyRequest()
				.hasAnyRole(Role.SystemAdministrator.name(), Role.Manager.name(), Role.Customer.name()))
			.httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(entryPoint))
			.exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler((request, response, ex) -> errors.write(response, HttpStatus.FORBIDDEN,
						"Forbidden", "Your role may not do this")))
			.addFilterBefore(apiKeyFilter, BasicAuthenticationFilter.class)
			.addFilterBefore(new LoginThrottleFilter(throttle, errors), ApiKeyAuthenticationFilter.class);
		return http.build();
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
