package org.billingreports.accounts;

import java.util.List;
import java.util.Map;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

import org.billingreports.notifications.WebhookAddressPolicy;
import org.billingreports.security.Caller;
import org.billingreports.kernel.ApiException;
import org.billingreports.kernel.RequestDto;

/** Accounts (SPEC section 5): created and changed by a SystemAdministrator, read by their users. */
@RestController
class AccountController {

	private final AccountRepository accounts;

	private final AccountAccess access;

	private final WebhookAddressPolicy webhookAddresses;

	AccountController(AccountRepository accounts, AccountAccess access, WebhookAddressPolicy webhookAddresses) {
		this.accounts = accounts;
		this.access = access;
		this.webhookAddresses = webhookAddresses;
	}

	@PostMapping("/accounts")
	Account create(@RequestDto Account request, @AuthenticationPrincipal Caller caller) {
		caller.requireAdministrator();
		requireCallableWebhook(request);
		Account account = request.withDefaults(Ids.orNew(request.id()));
		String secret;
		try {
			secret = this.accounts.insert(account);
		}
		catch (DuplicateKeyException ex) {
			throw ApiException.conflict("AlreadyExists", "Account '" + account.id() + "' exists already");
		}
		return this.access.readable(account.id(), caller).showingSecret(secret);
	}

	private void requireCallableWebhook(Account request) {
		String url = (request.nightlyBilling() != null) ? request.nightlyBilling().webhookUrl() : null;
		String problem = (url != null && !url.isBlank()) ? this.webhookAddresses.problem(url, true) : null;
		if (problem != null) {
			throw ApiException.invalidField("nightlyBilling.webhookUrl", "NotAllowed",
					"nightlyBilling.webhookUrl " + problem);
		}
	}

	@GetMapping("/accounts")
	Map<String, List<Account>> list(@AuthenticationPrincipal Caller caller) {
		if (caller.isCustomer() || (!caller.isAdministrator() && caller.accountId() == null)) {
			return Map.of("accounts", List.of());
		}
		return Map.of("accounts", this.accounts.list(caller.isAdministrator() ? null : caller.accountId()));
	}

	/** An account's prices are a Manager's business: a Customer user does not see them. */
	@GetMapping("/accounts/{id}")
	Account get(@PathVariable String id, @AuthenticationPrincipal Caller caller) {
		caller.requireAccountWideView(id, "Account", id);
		return this.access.readable(id, caller);
	}

	@PutMapping("/accounts/{id}")
	Account update(@PathVariable String id, @RequestDto Account request, @AuthenticationPrincipal Caller caller) {
		caller.requireAdministrator();
		if (request.id() != null && !request.id().equals(id)) {
			throw ApiException.invalidField("id", "NotEqual", "id in the body differs from the id in the path");
		}
		requireCallableWebhook(request);
		if (!this.accounts.update(request.withDefaults(id))) {
			throw ApiException.notFound("Account", id);
		}
		return this.access.readable(id, caller).showingSecret(request.webhookSecret());
	}

}
