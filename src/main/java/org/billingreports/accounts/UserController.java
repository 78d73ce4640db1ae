package org.billingreports.accounts;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Size;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import org.billingreports.kernel.ApiException;
import org.billingreports.kernel.RequestDto;
import org.billingreports.security.ApiKeys;
import org.billingreports.security.Caller;
import org.billingreports.security.Role;
import org.billingreports.security.UserInfo;
import org.billingreports.security.UserRepository;

/**
 * Users and their API keys. A SystemAdministrator manages every user; a Manager the Managers and
 * Customers of its own account (never a SystemAdministrator); a user its own API keys.
 */
@RestController
class UserController {

	/** {@code POST /users/{id}/api-keys}: an optional label. */
	record ApiKeyRequest(@Size(max = 100, message = "name is at most 100 characters") String name) {
	}

	private final UserRepository users;

	private final ApiKeys apiKeys;

	private final AccountAccess accounts;

	private final CustomerRepository customers;

	private final PasswordEncoder passwordEncoder;

	UserController(UserRepository users, ApiKeys apiKeys, AccountAccess accounts, CustomerRepository customers,
			PasswordEncoder passwordEncoder) {
		this.users = users;
		this.apiKeys = apiKeys;
		this.accounts = accounts;
		this.customers = customers;
		this.passwordEncoder = passwordEncoder;
	}

	@PostMapping("/users")
	UserInfo create(@RequestDto NewUser request, @AuthenticationPrincipal Caller caller) {
		Role role = request.parsedRole();
		if (caller.isCustomer() || (!caller.isAdministrator() && role == Role.SystemAdministrator)) {
			throw ApiException.forbidden("Your role may not create a " + role);
		}
		String accountId = blankToNull(request.accountId());
		String customerId = blankToNull(request.customerId());
		if (accountId != null) {
			this.accounts.actionable(accountId, "accountId", caller);
			caller.requireManagerOf(accountId);
		}
		if (customerId != null && !this.customers.find(customerId)
			.map(customer -> customer.accountId().equals(accountId))
			.orElse(false)) {
			throw ApiException.invalidField("customerId", "NotFound",
					"customer '" + customerId + "' does not exist in account '" + accountId + "'");
		}
		String id;
		try {
			id = this.users.create(request.username().strip(), this.passwordEncoder.encode(request.password()), role,
					accountId, customerId);
		}
		catch (DuplicateKeyException ex) {
			throw ApiException.conflict("AlreadyExists", "User '" + request.username().strip() + "' exists already");
		}
		return this.users.info(id).orElseThrow();
	}

	@GetMapping("/users")
	Map<String, List<UserInfo>> list(@AuthenticationPrincipal Caller caller) {
		if (caller.isCustomer()) {
			throw ApiException.forbidden("Only a SystemAdministrator or a Manager may list users");
		}
		return Map.of("users", this.users.list(caller.isAdministrator() ? null : caller.accountId()));
	}

	@DeleteMapping("/users/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable String id, @AuthenticationPrincipal Caller caller) {
		UserInfo target = this.users.info(id).orElseThrow(() -> ApiException.notFound("User", id));
		if (caller.isCustomer() || !mayManage(caller, target)) {
			throw ApiException.forbidden("You may not delete user '" + target.username() + "'");
		}
		if (target.id().equals(caller.userId())) {
			throw ApiException.conflict("Self", "You cannot delete yourself; ask another administrator");
		}
		this.users.delete(id);
	}

	@PostMapping("/users/{id}/api-keys")
	ApiKeys.NewApiKey createKey(@PathVariable String id, @RequestDto ApiKeyRequest request,
			@AuthenticationPrincipal Caller caller) {
		UserInfo target = this.users.info(id).orElseThrow(() -> ApiException.notFound("User", id));
		if (!mayHandleKeys(caller, target)) {
			throw ApiException.forbidden("You may not create API keys for user '" + target.username() + "'");
		}
		return this.apiKeys.create(id, blankToNull(request.name()));
	}

	@GetMapping("/users/{id}/api-keys")
	Map<String, List<ApiKeys.ApiKeyInfo>> keys(@PathVariable String id, @AuthenticationPrincipal Caller caller) {
		UserInfo target = this.users.info(id).filter(user -> mayHandleKeys(caller, user))
			.orElseThrow(() -> ApiException.notFound("User", id));
		return Map.of("apiKeys", this.apiKeys.list(target.id()));
	}

	@DeleteMapping("/users/{id}/api-keys/{keyId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void revokeKey(@PathVariable String id, @PathVariable String keyId, @AuthenticationPrincipal Caller caller) {
		UserInfo target = this.users.info(id).orElseThrow(() -> ApiException.notFound("User", id));
		if (!mayHandleKeys(caller, target)) {
			throw ApiException.forbidden("You may not revoke API keys of user '" + target.username() + "'");
		}
		if (!this.apiKeys.revoke(id, keyId)) {
			throw ApiException.notFound("API key", keyId);
		}
	}

	/** A SystemAdministrator manages everyone; a Manager the non-administrators of its account. */
	private static boolean mayManage(Caller caller, UserInfo target) {
		return caller.isAdministrator() || (caller.role() == Role.Manager && target.role() != Role.SystemAdministrator
				&& caller.accountId() != null && caller.accountId().equals(target.accountId()));
	}

	private static boolean mayHandleKeys(Caller caller, UserInfo target) {
		return target.id().equals(caller.userId()) || (!caller.isCustomer() && mayManage(caller, target));
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

}
