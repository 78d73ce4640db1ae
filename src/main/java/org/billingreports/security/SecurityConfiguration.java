package org.billingreports.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

import org.billingreports.web.ErrorResponseWriter;

/**
 * HTTP Basic against the users table; stateless, no sessions, no CSRF (an API for programs, not a
 * browser form). Failures answer in the ServiceStack error shape. Which role may do what is checked
 * per route through {@link Caller}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String REALM = "billing-reports";

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, ErrorResponseWriter errors) throws Exception {
		http.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests(requests -> requests.requestMatchers("/error")
				.permitAll()
				.anyRequest()
				.hasAnyRole(Role.SystemAdministrator.name(), Role.Manager.name(), Role.Customer.name()))
			.httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint((request, response, ex) -> {
				response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
				errors.write(response, HttpStatus.UNAUTHORIZED, "Unauthorized",
						"Send valid credentials: HTTP Basic with a user name and password");
			}))
			.exceptionHandling(handling -> handling.accessDeniedHandler((request, response, ex) -> errors
				.write(response, HttpStatus.FORBIDDEN, "Forbidden", "Your role may not do this")));
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
