package org.billingreports.security;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import org.billingreports.kernel.ApiException;

/**
 * The authenticated user behind a request, with what it may reach: every account
 * (SystemAdministrator) or one account, and for a Customer one customer.
 */
public final class Caller implements UserDetails, CredentialsContainer {

	/** What a switch credential grants: the routes that take pushed call records, nothing else. */
	public static final String SWITCH_AUTHORITY = "ROLE_Switch";

	private final String userId;

	private final String username;

	private String passwordHash;

	private final Role role;

	private final String accountId;

	private final String customerId;

	private String switchCredentialId;

	public Caller(String userId, String username, String passwordHash, Role role, String accountId,
			String customerId) {
		this.userId = userId;
		this.username = username;
		this.passwordHash = passwordHash;
		this.role = role;
		this.accountId = accountId;
		this.customerId = customerId;
	}

	/**
	 * The command line: an operator with access to the database, or on this machine to the running
	 * service, so every account (the service grants it reading only, see {@link LocalOperator}).
	 */
	public static Caller commandLine() {
		return new Caller(null, "command-line", null, Role.SystemAdministrator, null, null);
	}

	/**
	 * A switch with a credential its account issued ({@link SwitchCredentials}): it may push the account's
	 * call records and nothing else. It has none of the users' roles.
	 */
	static Caller switchOf(String credentialId, String username, String accountId) {
		Caller caller = new Caller(null, username, null, null, accountId, null);
		caller.switchCredentialId = credentialId;
		return caller;
	}

	/** The credential of a switch, or {@code null} for a user. */
	public String switchCredentialId() {
		return this.switchCredentialId;
	}

	/**
	 * Pushing call records of the account: its switch, a SystemAdministrator, or a Manager of it (a Customer,
	 * or another account's switch, may not).
	 */
	public void requireSwitchOf(String accountId) {
		if (this.switchCredentialId != null) {
			if (!accountId.equals(this.accountId)) {
				throw ApiException.forbidden("This switch credential pushes call records of its own account only");
			}
			return;
		}
		if (!isAdministratorOrManagerOf(accountId)) {
			throw ApiException.forbidden(
					"Only a switch credential of the account, a SystemAdministrator or a Manager of the account may push its call records");
		}
	}

	public String userId() {
		return this.userId;
	}

	public Role role() {
		return this.role;
	}

	public String accountId() {
		return this.accountId;
	}

	public String customerId() {
		return this.customerId;
	}

	public boolean isAdministrator() {
		return this.role == Role.SystemAdministrator;
	}

	public boolean isCustomer() {
		return this.role == Role.Customer;
	}

	/** Whether the caller may see the account's data at all (a Customer: only its own subtree of it). */
	public boolean canSeeAccount(String accountId) {
		return isAdministrator() || (this.accountId != null && this.accountId.equals(accountId));
	}

	/** Reading another tenant's record answers as if it did not exist, so ids don't leak. */
	public void requireVisible(String accountId, String what, String id) {
		if (!canSeeAccount(accountId)) {
			throw ApiException.notFound(what, id);
		}
	}

	/**
	 * Reading the account's own record and account-wide data (imports): SystemAdministrator or a
	 * Manager of it; anyone else is answered as if it did not exist.
	 */
	public void requireAccountWideView(String accountId, String what, String id) {
		if (isCustomer()) {
			throw ApiException.notFound(what, id);
		}
		requireVisible(accountId, what, id);
	}

	/** Changing reference data of an account: SystemAdministrator, or a Manager of that account. */
	public void requireManagerOf(String accountId) {
		if (!isAdministratorOrManagerOf(accountId)) {
			// The account is not named: the caller may have named only a record of it.
			throw ApiException.forbidden("Only a SystemAdministrator or a Manager of its account may change this");
		}
	}

	private boolean isAdministratorOrManagerOf(String accountId) {
		return isAdministrator() || (this.role == Role.Manager && canSeeAccount(accountId));
	}

	public void requireAdministrator() {
		if (!isAdministrator()) {
			throw ApiException.forbidden("Only a SystemAdministrator may do this");
		}
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return List.of(new SimpleGrantedAuthority((this.role != null) ? this.role.authority() : SWITCH_AUTHORITY));
	}

	@Override
	public String getPassword() {
		return this.passwordHash;
	}

	@Override
	public String getUsername() {
		return this.username;
	}

	@Override
	public void eraseCredentials() {
		this.passwordHash = null;
	}

}
