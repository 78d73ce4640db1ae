package org.billingreports.accounts;

import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

import org.billingreports.kernel.ApiException;
import org.billingreports.kernel.Text;
import org.billingreports.security.ApiKeys;
import org.billingreports.security.Caller;
import org.billingreports.security.Role;
import org.billingreports.security.UserInfo;
import org.billingreports.security.UserRepository;

/**
 * Users and their API keys, for the API and the console. A SystemAdministrator manages every user; a
 * Manager the Managers and Customers of its own account (never a SystemAdministrator); a user its own
 * API keys.
 */
@Service
public class Users {

	static final int MAX_KEY_NAME = 100;

	private final UserRepository users;

	private final ApiKeys apiKeys;

	private final AccountAccess accounts;

	private final CustomerRepository customers;

	private final PasswordEncoder passwordEncoder;

	Users(UserRepository users, ApiKeys apiKeys, AccountAccess accounts, CustomerRepository customers,
			PasswordEncoder passwordEncoder) {
		this.users = users;
		this.apiKeys = apiKeys;
		this.accounts = accounts;
		this.customers = customers;
		this.passwordEncoder = passwordEncoder;
	}

	/** A new user, made by the caller; 403 for a role the caller may not make. */
	public UserInfo create(NewUser request, Caller caller) {
		Role role = request.parsedRole();
		if (caller.isCustomer() || (!caller.isAdministrator() && role == Role.SystemAdministrator)) {
			throw ApiException.forbidden("Your role may not create a " + role);
		}
		String accountId = Text.strippedOrNull(request.accountId());
		String customerId = Text.strippedOrNull(request.customerId());
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

	/** The users the caller manages: every one (SystemAdministrator) or its account's (Manager). */
	public List<UserInfo> list(Caller caller) {
		if (caller.isCustomer()) {
			throw ApiException.forbidden("Only a SystemAdministrator or a Manager may list users");
		}
		return this.users.list(caller.isAdministrator() ? null : caller.accountId());
	}

	public void delete(String id, Caller caller) {
		UserInfo target = this.users.info(id).orElseThrow(() -> ApiException.notFound("User", id));
		if (caller.isCustomer() || !mayManage(caller, target)) {
			throw ApiException.forbidden("You may not delete user '" + target.username() + "'");
		}
		if (target.id().equals(caller.userId())) {
			throw ApiException.conflict("Self", "You cannot delete yourself; ask another administrator");
		}
		this.users.delete(id);
	}

	/** @param name an optional label */
	public ApiKeys.NewApiKey createKey(String id, String name, Caller caller) {
		UserInfo target = this.users.info(id).orElseThrow(() -> ApiException.notFound("User", id));
		if (!mayHandleKeys(caller, target)) {
			throw ApiException.forbidden("You may not create API keys for user '" + target.username() + "'");
		}
		if (name != null && name.length() > MAX_KEY_NAME) {
			throw ApiException.invalidField("name", "Length", "name is at most " + MAX_KEY_NAME + " characters");
		}
		return this.apiKeys.create(id, Text.strippedOrNull(name));
	}

	public List<ApiKeys.ApiKeyInfo> keys(String id, Caller caller) {
		UserInfo target = this.users.info(id).filter(user -> mayHandleKeys(caller, user))
			.orElseThrow(() -> ApiException.notFound("User", id));
		return this.apiKeys.list(target.id());
	}

	public void revokeKey(String id, String keyId, Caller caller) {
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

}
