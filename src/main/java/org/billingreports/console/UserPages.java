package org.billingreports.console;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Validator;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import org.billingreports.accounts.AccountAccess;
import org.billingreports.accounts.NewUser;
import org.billingreports.accounts.Users;
import org.billingreports.kernel.ApiException;
import org.billingreports.kernel.RequestValidation;
import org.billingreports.security.ApiKeys;
import org.billingreports.security.Caller;

/**
 * Users and API keys, for those who may manage them (see {@link Users}): the users list with a form
 * for a new one, and a user's API keys, a new key shown once.
 */
@Controller
class UserPages {

	private final Users users;

	private final AccountAccess accounts;

	private final Validator validator;

	UserPages(Users users, AccountAccess accounts, Validator validator) {
		this.users = users;
		this.accounts = accounts;
		this.validator = validator;
	}

	@GetMapping(ConsolePages.PREFIX + "/users")
	String list(@AuthenticationPrincipal Caller caller, Model model) {
		return page(caller, model, Map.of("accountId", (caller.accountId() != null) ? caller.accountId() : ""), Map.of());
	}

	@PostMapping(ConsolePages.PREFIX + "/users")
	String create(@RequestParam Map<String, String> form, @AuthenticationPrincipal Caller caller, Model model,
			HttpServletResponse response) {
		NewUser user = new NewUser(form.get("username"), form.get("password"), form.get("role"),
				ConsolePages.blankAsNull(form.get("accountId")), ConsolePages.blankAsNull(form.get("customerId")));
		try {
			RequestValidation.check(this.validator, user);
			this.users.create(user, caller);
			return ConsolePages.redirectTo("/users?created=" + user.username().strip());
		}
		catch (ApiException ex) {
			response.setStatus(ex.status().value());
			Map<String, String> kept = new HashMap<>(form);
			kept.remove("password");
			return page(caller, model, kept, ConsolePages.fieldErrors(ex));
		}
	}

	@PostMapping(ConsolePages.PREFIX + "/users/{id}/delete")
	String delete(@PathVariable String id, @AuthenticationPrincipal Caller caller) {
		this.users.delete(id, caller);
		return ConsolePages.redirectTo("/users");
	}

	@GetMapping(ConsolePages.PREFIX + "/users/{id}/api-keys")
	String keys(@PathVariable String id, @AuthenticationPrincipal Caller caller, Model model) {
		return keysPage(id, caller, model, null);
	}

	@PostMapping(ConsolePages.PREFIX + "/users/{id}/api-keys")
	String createKey(@PathVariable String id, @RequestParam(required = false) String name,
			@AuthenticationPrincipal Caller caller, Model model) {
		// Shown on this answer only, never in an address: it is not kept.
		return keysPage(id, caller, model, this.users.createKey(id, name, caller));
	}

	@PostMapping(ConsolePages.PREFIX + "/users/{id}/api-keys/{keyId}/revoke")
	String revokeKey(@PathVariable String id, @PathVariable String keyId, @AuthenticationPrincipal Caller caller) {
		this.users.revokeKey(id, keyId, caller);
		return ConsolePages.redirectTo("/users/" + id + "/api-keys");
	}

	private String page(Caller caller, Model model, Map<String, String> form, Map<String, String> errors) {
		model.addAttribute("users", this.users.list(caller));
		model.addAttribute("accounts", this.accounts.namesVisibleTo(caller));
		model.addAttribute("roles", caller.isAdministrator() ? List.of("Manager", "Customer", "SystemAdministrator")
				: List.of("Manager", "Customer"));
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		return "console/users";
	}

	private String keysPage(String id, Caller caller, Model model, ApiKeys.NewApiKey created) {
		model.addAttribute("userId", id);
		model.addAttribute("keys", this.users.keys(id, caller));
		model.addAttribute("created", created);
		return "console/api-keys";
	}

}
