package org.billingreports.accounts;

import java.util.List;
import java.util.Map;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

import org.billingreports.kernel.RequestDto;
import org.billingreports.security.Caller;

/** Accounts (the {@code /accounts} routes of {@code api.md}); see {@link Accounts} for who may do what. */
@RestController
class AccountController {

	private final Accounts accounts;

	AccountController(Accounts accounts) {
		this.accounts = accounts;
	}

	@PostMapping("/accounts")
	Account create(@RequestDto Account request, @AuthenticationPrincipal Caller caller) {
		return this.accounts.create(request, caller);
	}

	@GetMapping("/accounts")
	Map<String, List<Account>> list(@AuthenticationPrincipal Caller caller) {
		return Map.of("accounts", this.accounts.list(caller));
	}

	@GetMapping("/accounts/{id}")
	Account get(@PathVariable String id, @AuthenticationPrincipal Caller caller) {
		return this.accounts.get(id, caller);
	}

	@PutMapping("/accounts/{id}")
	Account update(@PathVariable String id, @RequestDto Account request, @AuthenticationPrincipal Caller caller) {
		return this.accounts.update(id, request, caller);
	}

}
