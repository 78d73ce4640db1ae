package org.billingreports.console;

import java.util.LinkedHashMap;
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

import org.billingreports.accounts.BillingSettingsDto;
import org.billingreports.accounts.Customer;
import org.billingreports.accounts.Customers;
import org.billingreports.kernel.ApiException;
import org.billingreports.kernel.FieldErrors;
import org.billingreports.kernel.RequestValidation;
import org.billingreports.rating.BillingSettings;
import org.billingreports.security.Caller;

/**
 * A customer's edit form, for a SystemAdministrator or a Manager of its account: name, reference,
 * parent, and its own prices (or the ones it inherits). Saved as {@code PUT /customers/{id}} would.
 */
@Controller
class CustomerPages {

	private final Customers customers;

	private final Validator validator;

	CustomerPages(Customers customers, Validator validator) {
		this.customers = customers;
		this.validator = validator;
	}

	@GetMapping(ConsolePages.PREFIX + "/customers/{id}/edit")
	String form(@PathVariable String id, @AuthenticationPrincipal Caller caller, Model model) {
		Customer customer = this.customers.get(id, caller);
		caller.requireManagerOf(customer.accountId());
		Map<String, String> form = new LinkedHashMap<>();
		form.put("name", customer.name());
		form.put("referenceId", (customer.referenceId() != null) ? customer.referenceId() : "");
		form.put("parentCustomerId", (customer.parentCustomerId() != null) ? customer.parentCustomerId() : "");
		if (Boolean.TRUE.equals(customer.overrideBillingSettings())) {
			form.put("overrideBillingSettings", "on");
		}
		PriceForm.fill(form, (customer.billingSettings() != null) ? customer.billingSettings().toSettings()
				: BillingSettings.NONE);
		return page(customer, form, Map.of(), caller, model);
	}

	@PostMapping(ConsolePages.PREFIX + "/customers/{id}")
	String save(@PathVariable String id, @RequestParam Map<String, String> form, @AuthenticationPrincipal Caller caller,
			Model model, HttpServletResponse response) {
		Customer existing = this.customers.get(id, caller);
		// Who may not edit it learns nothing of what is wrong with the form.
		caller.requireManagerOf(existing.accountId());
		try {
			FieldErrors errors = new FieldErrors();
			BillingSettingsDto prices = PriceForm.read(form, errors);
			errors.throwIfAny();
			Customer changed = new Customer(id, existing.accountId(),
					ConsolePages.blankAsNull(form.get("parentCustomerId")), form.get("name"),
					ConsolePages.blankAsNull(form.get("referenceId")), "on".equals(form.get("overrideBillingSettings")),
					prices, existing.rateDeckId());
			RequestValidation.check(this.validator, changed);
			this.customers.update(id, changed, caller);
			return ConsolePages.redirectTo("/accounts/" + existing.accountId() + "?saved=" + id);
		}
		catch (ApiException ex) {
			response.setStatus(ex.status().value());
			return page(existing, form, ConsolePages.fieldErrors(ex), caller, model);
		}
	}

	private String page(Customer customer, Map<String, String> form, Map<String, String> errors, Caller caller,
			Model model) {
		model.addAttribute("customer", customer);
		model.addAttribute("parents", this.customers.list(customer.accountId(), caller)
			.stream()
			.filter(other -> !other.id().equals(customer.id()))
			.toList());
		model.addAttribute("items", PriceForm.items());
		model.addAttribute("fields", PriceForm.FIELDS);
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		return "console/customer";
	}

}
