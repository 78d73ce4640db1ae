package org.billingreports.servicestack;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import org.billingreports.accounts.AccountAccess;
import org.billingreports.security.Caller;
import org.billingreports.security.SignIn;
import org.billingreports.kernel.ApiException;
import org.billingreports.kernel.RequestDto;

/**
 * ServiceStack's session routes, as Evo Voice's command-line client and ServiceStack's clients use
 * them: {@code POST /auth/credentials} (or {@code /auth/login}, {@code /auth} with a provider,
 * {@code /api/Authenticate}) signs in and sets the session cookies; {@code /auth/apikey} signs in
 * with an API key in {@code password}; {@code GET /auth} tells the signed-in user;
 * {@code /auth/logout} signs out; {@code GET /auth/status} is Evo's account summary.
 */
@RestController
class AuthController {

	private static final String LOGOUT = "logout";

	private final SignIn signIn;

	private final AccountAccess accounts;

	AuthController(SignIn signIn, AccountAccess accounts) {
		this.signIn = signIn;
		this.accounts = accounts;
	}

	@RequestMapping(path = { "/auth", "/auth/{provider}" }, method = { RequestMethod.GET, RequestMethod.POST })
	@Operation(summary = "Sign in (ServiceStack's Authenticate)", description = "provider credentials (or login): "
			+ "userName and password; apikey: the key in password; logout: signs out; none with GET: the signed-in "
			+ "user. Sets the session cookies ss-id, ss-pid (with rememberMe) and ss-opt.")
	@ApiResponse(responseCode = "200", description = "Signed in (or, for logout, {})",
			content = @Content(schema = @Schema(implementation = AuthenticateResponse.class)))
	Object authenticate(@PathVariable(required = false) String provider, @RequestDto Authenticate request,
			HttpServletRequest httpRequest, HttpServletResponse httpResponse, @AuthenticationPrincipal Caller caller) {
		String chosen = ((provider != null) ? provider : (request.provider() != null) ? request.provider() : "")
			.strip()
			.toLowerCase(Locale.ROOT);
		boolean post = "POST".equals(httpRequest.getMethod());
		return switch (chosen) {
			case "" -> (post && request.userName() != null) ? credentials(request, httpRequest, httpResponse)
					: current(caller, httpRequest);
			case LOGOUT -> logout(httpRequest, httpResponse);
			case "credentials", "login" -> {
				requirePost(post, chosen);
				yield credentials(request, httpRequest, httpResponse);
			}
			case "apikey" -> {
				requirePost(post, chosen);
				yield response(this.signIn.withApiKey(request.password(), request.remembered(), httpRequest,
						httpResponse));
			}
			default -> throw ApiException.notFound("Auth provider", chosen);
		};
	}

	@RequestMapping(path = "/auth/logout", method = { RequestMethod.GET, RequestMethod.POST })
	@Operation(summary = "Sign out", description = "Ends the session and drops its cookies.")
	Map<String, Object> logout(HttpServletRequest httpRequest, HttpServletResponse httpResponse) {
		this.signIn.signOut(httpRequest, httpResponse);
		return Map.of();
	}

	@GetMapping("/auth/status")
	@Operation(summary = "Who is signed in", description = "Evo Voice's session summary: isAuthenticated, the "
			+ "user, its roles, and the accounts it may use as parallel lists of ids and names.")
	AuthStatus status(@AuthenticationPrincipal Caller caller) {
		if (caller == null) {
			return AuthStatus.ANONYMOUS;
		}
		Map<String, String> accounts = this.accounts.namesVisibleTo(caller);
		String userName = caller.getUsername();
		return new AuthStatus(true, caller.userId(), userName, userName, userName.contains("@") ? userName : null,
				List.of(caller.role().name()), new ArrayList<>(accounts.keySet()), new ArrayList<>(accounts.values()));
	}

	private AuthenticateResponse credentials(Authenticate request, HttpServletRequest httpRequest,
			HttpServletResponse httpResponse) {
		return response(this.signIn.withPassword(request.userName(), request.password(), request.remembered(),
				httpRequest, httpResponse));
	}

	/** {@code GET /auth}: the signed-in user, however the request signed in. */
	private AuthenticateResponse current(Caller caller, HttpServletRequest httpRequest) {
		if (caller == null) {
			throw ApiException.unauthorized("Not Authenticated");
		}
		return new AuthenticateResponse(caller.userId(), this.signIn.sessionId(httpRequest).orElse(null),
				caller.getUsername(), caller.getUsername(), null, List.of(caller.role().name()), List.of());
	}

	private static AuthenticateResponse response(SignIn.SignedIn signedIn) {
		Caller user = signedIn.user();
		return new AuthenticateResponse(user.userId(), signedIn.session().sessionId(), user.getUsername(),
				user.getUsername(), signedIn.bearerToken(), List.of(user.role().name()), List.of());
	}

	/** ServiceStack refuses GET for a password sign-in: the password would sit in logs and histories. */
	private static void requirePost(boolean post, String provider) {
		if (!post) {
			throw new ApiException(HttpStatus.METHOD_NOT_ALLOWED, "NotSupported",
					"Sign in with " + provider + " by POST, not GET");
		}
	}

}
