package org.billingreports.accounts;

import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import org.billingreports.kernel.ApiException;
import org.billingreports.notifications.WebhookAddressPolicy;
import org.billingreports.security.Caller;

/**
 * Accounts (the {@code /accounts} routes of {@code api.md}), for the API and the console: created and changed by a
 * SystemAdministrator, read by their users.
 */
@Service
public class Accounts {

	private final AccountRepository accounts;

	private final AccountAccess access;

	private final WebhookAddressPolicy webhookAddresses;

	Accounts(AccountRepository accounts, AccountAccess access, WebhookAddressPolicy webhookAddresses) {
		this.accounts = accounts;
		this.access = access;
		this.webhookAddresses = webhookAddresses;
	}

	/** A new account (SystemAdministrator), with its webhook secret shown this once. */
	public Account create(Account request, Caller caller) {
		caller.requireAdministrator();
		requireCallableWebhook(request);
		Account account = request.withDefaults(Ids.orNew(request.id()));
		requireOwnDeck(account);
		requireOwnCustomer(account);
		String secret;
		try {
			secret = this.accounts.insert(account);
		}
		catch (DuplicateKeyException ex) {
			throw ApiException.conflict("AlreadyExists", "Account '" + account.id() + "' exists already");
		}
		return this.access.readable(account.id(), caller).showingSecret(secret);
	}

	/** An account is priced only by a deck of its own (a new account has none yet). */
	private void requireOwnDeck(Account account) {
		String deck = account.rating().rateDeckId();
		if (deck != null && !this.accounts.isDeckOf(deck, account.id())) {
			throw ApiException.invalidField("rating.rateDeckId", "NotFound",
					"rate deck '" + deck + "' does not exist in account '" + account.id() + "'");
		}
	}

	/** Pushed records fall back to a customer of the account's own (a new account has none yet). */
	private void requireOwnCustomer(Account account) {
		String customer = account.defaultCustomerId();
		if (customer != null && !this.accounts.isCustomerOf(customer, account.id())) {
			throw ApiException.invalidField("defaultCustomerId", "NotFound",
					"customer '" + customer + "' does not exist in account '" + account.id() + "'");
		}
	}

	private void requireCallableWebhook(Account request) {
		String url = (request.nightlyBilling() != null) ? request.nightlyBilling().webhookUrl() : null;
		String problem = (url != null && !url.isBlank()) ? this.webhookAddresses.problem(url, true) : null;
		if (problem != null) {
			throw ApiException.invalidField("nightlyBilling.webhookUrl", "NotAllowed",
					"nightlyBilling.webhookUrl " + problem);
		}
	}

	/** The accounts the caller belongs to: every one for a SystemAdministrator, none for a Customer user. */
	public List<Account> list(Caller caller) {
		if (caller.isCustomer() || (!caller.isAdministrator() && caller.accountId() == null)) {
			return List.of();
		}
		return this.accounts.list(caller.isAdministrator() ? null : caller.accountId());
	}

	/** An account's prices are a Manager's business: a Customer user does not see them. */
	public Account get(String id, Caller caller) {
		caller.requireAccountWideView(id, "Account", id);
		return this.access.readable(id, caller);
	}

	/** The account as the request says (SystemAdministrator); a webhook secret left out is kept. */
	public Account update(String id, Account request, Caller caller) {
		caller.requireAdministrator();
		if (request.id() != null && !request.id().equals(id)) {
			throw ApiException.invalidField("id", "NotEqual", "id in the body differs from the id in the path");
		}
		requireCallableWebhook(request);
		Account account = request.withDefaults(id);
		requireOwnDeck(account);
		requireOwnCustomer(account);
		if (!this.accounts.update(account)) {
			throw ApiException.notFound("Account", id);
		}
		return this.access.readable(id, caller).showingSecret(request.webhookSecret());
	}

}
