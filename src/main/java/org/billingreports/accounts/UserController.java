package org.billingreports.accounts;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import org.billingreports.kernel.RequestDto;
import org.billingreports.security.ApiKeys;
import org.billingreports.security.Caller;
import org.billingreports.security.UserInfo;

/** Users and their API keys (see {@link Users} for who may do what). */
@RestController
class UserController {

	/** {@code POST /users/{id}/api-keys}: an optional label. */
	record ApiKeyRequest(@Size(max = 100, message = "name is at most 100 characters") String name) {
	}

	private final Users users;

	UserController(Users users) {
		this.users = users;
	}

	@PostMapping("/users")
	UserInfo create(@RequestDto NewUser request, @AuthenticationPrincipal Caller caller) {
		return this.users.create(request, caller);
	}

	@GetMapping("/users")
	Map<String, List<UserInfo>> list(@AuthenticationPrincipal Caller caller) {
		return Map.of("users", this.users.list(caller));
	}

	@DeleteMapping("/users/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable String id, @AuthenticationPrincipal Caller caller) {
		this.users.delete(id, caller);
	}

	@PostMapping("/users/{id}/api-keys")
	ApiKeys.NewApiKey createKey(@PathVariable String id, @RequestDto ApiKeyRequest request,
			@AuthenticationPrincipal Caller caller) {
		return this.users.createKey(id, request.name(), caller);
	}

	@GetMapping("/users/{id}/api-keys")
	Map<String, List<ApiKeys.ApiKeyInfo>> keys(@PathVariable String id, @AuthenticationPrincipal Caller caller) {
		return Map.of("apiKeys", this.users.keys(id, caller));
	}

	@DeleteMapping("/users/{id}/api-keys/{keyId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void revokeKey(@PathVariable String id, @PathVariable String keyId, @AuthenticationPrincipal Caller caller) {
		this.users.revokeKey(id, keyId, caller);
	}

}
