package org.billingreports.accounts;

import java.util.Map;

import org.springframework.stereotype.Component;

import org.billingreports.security.Caller;
import org.billingreports.kernel.ApiException;

/**
 * The account checks every route starts with. Reading another tenant's account answers 404, so
 * that its existence does not leak; acting on it answers 403.
 */
@Component
public class AccountAccess {

	private final AccountRepository accounts;

	AccountAccess(AccountRepository accounts) {
		this.accounts = accounts;
	}

	/** The account, when it exists and the caller may see it; 404 otherwise. */
	public Account readable(String accountId, Caller caller) {
		caller.requireVisible(accountId, "Account", accountId);
		return this.accounts.find(accountId).orElseThrow(() -> ApiException.notFound("Account", accountId));
	}

	/** The names of the accounts the caller belongs to, by id: every account for a SystemAdministrator. */
	public Map<String, String> namesVisibleTo(Caller caller) {
		if (caller.isAdministrator()) {
			return this.accounts.names(null);
		}
		return (caller.accountId() != null) ? this.accounts.names(caller.accountId()) : Map.of();
	}

	/**
	 * The account named in a request's field, when the caller may act on it (403 otherwise) and it
	 * exists (400 naming the field otherwise).
	 */
	public Account actionable(String accountId, String fieldName, Caller caller) {
		if (!caller.canSeeAccount(accountId)) {
			throw ApiException.forbidden("You may not act on account '" + accountId + "'");
		}
		return this.accounts.find(accountId)
			.orElseThrow(() -> ApiException.invalidField(fieldName, "NotFound",
					"account '" + accountId + "' does not exist"));
	}

}
