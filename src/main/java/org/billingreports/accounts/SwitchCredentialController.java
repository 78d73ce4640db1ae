package org.billingreports.accounts;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import org.billingreports.kernel.ApiException;
import org.billingreports.security.Caller;
import org.billingreports.security.SwitchCredentials;

/**
 * The credentials an account issues to its switches ({@code /accounts/{id}/switch-credentials}, {@code api.md},
 * Switches): made and revoked by a SystemAdministrator or a Manager of the account; the password is in the
 * answer that made it, and nowhere else.
 */
@RestController
class SwitchCredentialController {

	private final SwitchCredentials credentials;

	private final AccountAccess access;

	SwitchCredentialController(SwitchCredentials credentials, AccountAccess access) {
		this.credentials = credentials;
		this.access = access;
	}

	@PostMapping("/accounts/{id}/switch-credentials")
	@ApiResponse(responseCode = "201", description = "The credential, its password shown this once",
			content = @Content(schema = @Schema(implementation = SwitchCredentials.NewSwitchCredential.class)))
	ResponseEntity<SwitchCredentials.NewSwitchCredential> create(@PathVariable String id,
			@AuthenticationPrincipal Caller caller) {
		managed(id, caller);
		SwitchCredentials.NewSwitchCredential made = this.credentials.create(id, caller.getUsername());
		return ResponseEntity.created(URI.create("/accounts/" + id + "/switch-credentials/" + made.id())).body(made);
	}

	@GetMapping("/accounts/{id}/switch-credentials")
	Map<String, List<SwitchCredentials.SwitchCredentialInfo>> list(@PathVariable String id,
			@AuthenticationPrincipal Caller caller) {
		caller.requireAccountWideView(id, "Account", id);
		this.access.readable(id, caller);
		return Map.of("switchCredentials", this.credentials.list(id));
	}

	@DeleteMapping("/accounts/{id}/switch-credentials/{credentialId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void revoke(@PathVariable String id, @PathVariable String credentialId, @AuthenticationPrincipal Caller caller) {
		managed(id, caller);
		if (!this.credentials.revoke(id, credentialId)) {
			throw ApiException.notFound("Switch credential", credentialId);
		}
	}

	/** The account exists, the caller sees it (404 otherwise) and manages it (403 otherwise). */
	private void managed(String accountId, Caller caller) {
		caller.requireAccountWideView(accountId, "Account", accountId);
		this.access.readable(accountId, caller);
		caller.requireManagerOf(accountId);
	}

}
