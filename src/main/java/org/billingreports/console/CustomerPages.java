package org.billingreports.console;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

import org.billingreports.accounts.BillingItemDto;
import org.billingreports.accounts.BillingSettingsDto;
import org.billingreports.accounts.Customer;
import org.billingreports.accounts.Customers;
import org.billingreports.kernel.ApiException;
import org.billingreports.kernel.FieldErrors;
import org.billingreports.kernel.RequestValidation;
import org.billingreports.rating.BillingItem;
import org.billingreports.rating.BillingSettings;
import org.billingreports.security.Caller;

/**
 * A customer's edit form, for a SystemAdministrator or a Manager of its account: name, reference,
 * parent, and its own prices (or the ones it inherits). Saved as {@code PUT /customers/{id}} would.
 */
@Controller
class CustomerPages {

	/** The price fields of an item, as the API names them. */
	static final List<String> PRICE_FIELDS = List.of("baseCost", "unitCost", "rawUnitMultiplier", "allowance");

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
		BillingSettingsDto own = (customer.billingSettings() != null) ? customer.billingSettings()
				: BillingSettingsDto.of(BillingSettings.NONE);
		BillingSettingsDto all = BillingSettingsDto.of(own.toSettings());
		for (BillingItem item : BillingItem.values()) {
			BillingItemDto prices = all.byItem().get(item);
			form.put(key(item) + ".baseCost", prices.baseCost().toPlainString());
			form.put(key(item) + ".unitCost", prices.unitCost().toPlainString());
			form.put(key(item) + ".rawUnitMultiplier", prices.rawUnitMultiplier().toPlainString());
			form.put(key(item) + ".allowance", Long.toString(prices.allowance()));
		}
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
			BillingItemDto[] items = new BillingItemDto[BillingItem.values().length];
			for (BillingItem item : BillingItem.values()) {
				String prefix = "billingSettings." + key(item) + ".";
				items[item.ordinal()] = new BillingItemDto(decimal(form, item, "baseCost", prefix, errors),
						decimal(form, item, "rawUnitMultiplier", prefix, errors),
						decimal(form, item, "unitCost", prefix, errors), whole(form, item, prefix, errors));
			}
			errors.throwIfAny();
			Customer changed = new Customer(id, existing.accountId(),
					ConsolePages.blankAsNull(form.get("parentCustomerId")), form.get("name"),
					ConsolePages.blankAsNull(form.get("referenceId")), "on".equals(form.get("overrideBillingSettings")),
					new BillingSettingsDto(items[0], items[1], items[2], items[3], items[4], items[5], items[6],
							items[7], items[8]));
			RequestValidation.check(this.validator, changed);
			this.customers.update(id, changed, caller);
			return ConsolePages.redirectTo("/accounts/" + existing.accountId() + "?saved=" + id);
		}
		catch (ApiException ex) {
			response.setStatus(ex.status().value());
			return page(existing, form, ReportPages.fieldErrors(ex), caller, model);
		}
	}

	private String page(Customer customer, Map<String, String> form, Map<String, String> errors, Caller caller,
			Model model) {
		List<Map<String, String>> items = new ArrayList<>();
		for (BillingItem item : BillingItem.values()) {
			items.add(Map.of("key", key(item), "name", item.displayName()));
		}
		model.addAttribute("customer", customer);
		model.addAttribute("parents", this.customers.list(customer.accountId(), caller)
			.stream()
			.filter(other -> !other.id().equals(customer.id()))
			.toList());
		model.addAttribute("items", items);
		model.addAttribute("fields", PRICE_FIELDS);
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		return "console/customer";
	}

	/** The item's name in the API's JSON, e.g. {@code inboundSmsMessages}. */
	static String key(BillingItem item) {
		String name = item.displayName();
		return Character.toLowerCase(name.charAt(0)) + name.substring(1);
	}

	private static BigDecimal decimal(Map<String, String> form, BillingItem item, String field, String prefix,
			FieldErrors errors) {
		String text = form.getOrDefault(key(item) + "." + field, "").strip();
		if (text.isEmpty()) {
			return null;
		}
		try {
			return new BigDecimal(text);
		}
		catch (NumberFormatException ex) {
			errors.add(prefix + field, "InvalidValue", item.displayName() + " " + field + " must be a number");
			return null;
		}
	}

	private static Long whole(Map<String, String> form, BillingItem item, String prefix, FieldErrors errors) {
		String text = form.getOrDefault(key(item) + ".allowance", "").strip();
		if (text.isEmpty()) {
			return null;
		}
		try {
			return Long.parseLong(text);
		}
		catch (NumberFormatException ex) {
			errors.add(prefix + "allowance", "InvalidValue", item.displayName() + " allowance must be a whole number");
			return null;
		}
	}

}
