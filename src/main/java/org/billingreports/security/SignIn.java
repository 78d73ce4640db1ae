package org.billingreports.security;

import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import org.billingreports.kernel.ApiException;
import org.billingreports.kernel.FieldErrors;

/**
 * Session sign-in and sign-out: checks a user name and password (or an API key), under the same
 * failed-login throttle as HTTP Basic, and hands out the session cookies.
 */
@Component
public class SignIn {

	/** A signed-in session; {@code bearerToken} is the API key when one was used to sign in. */
	public record SignedIn(Caller user, Sessions.Issued session, String bearerToken) {
	}

	static final String INVALID = "Invalid Username or Password";

	private final UserRepository users;

	private final PasswordEncoder passwordEncoder;

	private final LoginThrottle throttle;

	private final Sessions sessions;

	private final ApiKeys apiKeys;

	/** Checked when the user does not exist, so that an unknown name takes as long as a wrong password. */
	private final String decoyHash;

	SignIn(UserRepository users, PasswordEncoder passwordEncoder, LoginThrottle throttle, Sessions sessions,
			ApiKeys apiKeys) {
		this.users = users;
		this.passwordEncoder = passwordEncoder;
		this.throttle = throttle;
		this.sessions = sessions;
		this.apiKeys = apiKeys;
		this.decoyHash = passwordEncoder.encode("no user has this password");
	}

	public SignedIn withPassword(String userName, String password, boolean rememberMe, HttpServletRequest request,
			HttpServletResponse response) {
		new FieldErrors().required("userName", userName).required("password", password).throwIfAny();
		String name = userName.strip();
		String address = request.getRemoteAddr();
		refuseWhileThrottled(name, address);
		Optional<Caller> user = this.users.findByUsername(name);
		boolean matches = this.passwordEncoder.matches(password, user.map(Caller::getPassword).orElse(this.decoyHash));
		if (user.isEmpty() || !matches) {
			this.throttle.failed(LoginThrottle.Scope.people, name, address);
			throw ApiException.unauthorized(INVALID);
		}
		this.throttle.succeeded(LoginThrottle.Scope.people, name, address);
		return start(user.get(), rememberMe, null, request, response);
	}

	/** ServiceStack's {@code apikey} provider: the key in the password field. */
	public SignedIn withApiKey(String key, boolean rememberMe, HttpServletRequest request,
			HttpServletResponse response) {
		new FieldErrors().required("password", key).throwIfAny();
		String identity = ApiKeys.claimedIdentity(key.strip());
		String address = request.getRemoteAddr();
		refuseWhileThrottled(identity, address);
		Optional<Caller> user = this.apiKeys.authenticate(key.strip()).flatMap(this.users::findById);
		if (user.isEmpty()) {
			this.throttle.failed(LoginThrottle.Scope.people, identity, address);
			throw ApiException.unauthorized("Invalid API key");
		}
		this.throttle.succeeded(LoginThrottle.Scope.people, identity, address);
		return start(user.get(), rememberMe, key.strip(), request, response);
	}

	/** Ends the request's session, if it has one, and drops its cookies. */
	public void signOut(HttpServletRequest request, HttpServletResponse response) {
		SessionCookies.Presented presented = SessionCookies.presented(request);
		if (presented != null) {
			this.sessions.end(presented.id(), presented.permanent());
		}
		SessionCookies.clear(response, request.isSecure());
	}

	/** The id of the request's live session, when it was signed in by one. */
	public Optional<String> sessionId(HttpServletRequest request) {
		SessionCookies.Presented presented = SessionCookies.presented(request);
		if (presented == null || request.getHeader("Authorization") != null
				|| this.sessions.find(presented.id(), presented.permanent()).isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(presented.id());
	}

	private SignedIn start(Caller user, boolean rememberMe, String bearerToken, HttpServletRequest request,
			HttpServletResponse response) {
		// A sign-in replaces the session the request came with, as ServiceStack's does.
		SessionCookies.Presented earlier = SessionCookies.presented(request);
		if (earlier != null) {
			this.sessions.end(earlier.id(), earlier.permanent());
		}
		Sessions.Issued issued = this.sessions.create(user, rememberMe);
		SessionCookies.write(response, issued, this.sessions.lifetime(), request.isSecure());
		user.eraseCredentials();
		return new SignedIn(user, issued, bearerToken);
	}

	private void refuseWhileThrottled(String identity, String address) {
		Duration wait = this.throttle.blockedFor(LoginThrottle.Scope.people, identity, address);
		if (wait != null) {
			throw ApiException.tooManyRequests("TooManyLoginFailures",
					"Too many failed logins; try again in " + Math.max(1, wait.toSeconds()) + " seconds", wait);
		}
	}

}
