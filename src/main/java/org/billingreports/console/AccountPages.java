package org.billingreports.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Validator;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import org.billingreports.accounts.Account;
import org.billingreports.accounts.AccountAccess;
import org.billingreports.accounts.Accounts;
import org.billingreports.accounts.BillingSettingsDto;
import org.billingreports.accounts.Customer;
import org.billingreports.accounts.CustomerRepository;
import org.billingreports.accounts.NightlyBilling;
import org.billingreports.accounts.PhoneNumberRepository;
import org.billingreports.kernel.ApiException;
import org.billingreports.kernel.FieldErrors;
import org.billingreports.kernel.RequestValidation;
import org.billingreports.rating.BillingItem;
import org.billingreports.rating.BillingSettings;
import org.billingreports.rating.CustomerNode;
import org.billingreports.rating.EffectiveSettings;
import org.billingreports.rating.ItemSettings;
import org.billingreports.security.Caller;

/**
 * Accounts, as a Manager sees its own and a SystemAdministrator every one: the customer tree with
 * whose prices apply to each customer (its own, an ancestor's, or the account's), the prices, the
 * phone numbers per customer and the nightly run. Prices are a Manager's business: not for Customer
 * users, as in the API.
 */
@Controller
class AccountPages {

	private final AccountAccess accounts;

	private final CustomerRepository customers;

	private final PhoneNumberRepository numbers;

	private final Accounts accountService;

	private final Validator validator;

	AccountPages(AccountAccess accounts, CustomerRepository customers, PhoneNumberRepository numbers,
			Accounts accountService, Validator validator) {
		this.accounts = accounts;
		this.accountService = accountService;
		this.validator = validator;
		this.customers = customers;
		this.numbers = numbers;
	}

	/** A customer in the tree: its depth, and whose prices apply to it. */
	record Row(Customer customer, int depth, String pricesFrom, long localNumbers, long tollFreeNumbers) {
	}

	/** One item's prices, as a table row. */
	record Price(String item, ItemSettings settings) {
	}

	@GetMapping(ConsolePages.PREFIX + "/accounts")
	String list(@AuthenticationPrincipal Caller caller, Model model) {
		requireAccountWideView(caller);
		model.addAttribute("accounts", this.accounts.namesVisibleTo(caller));
		return "console/accounts";
	}

	@GetMapping(ConsolePages.PREFIX + "/accounts/{id}")
	String detail(@PathVariable String id, @AuthenticationPrincipal Caller caller, Model model) {
		requireAccountWideView(caller);
		Account account = this.accountService.get(id, caller);
		BillingSettings prices = settings(account);
		List<Customer> all = this.customers.findByAccount(id);
		EffectiveSettings effective = new EffectiveSettings(prices, all.stream().map(Customer::node).toList());
		Map<String, String> names = all.stream().collect(Collectors.toMap(Customer::id, Customer::name));
		Map<String, PhoneNumberRepository.NumberCounts> counts = this.numbers.countsByCustomer(id);
		List<Row> rows = new ArrayList<>();
		addSubtree(null, 0, all, effective, names, counts, rows);
		model.addAttribute("account", account);
		model.addAttribute("prices", prices(prices));
		model.addAttribute("rows", rows);
		model.addAttribute("overriding", all.stream()
			.filter(customer -> Boolean.TRUE.equals(customer.overrideBillingSettings()))
			.collect(Collectors.toMap(Customer::name, customer -> prices(effective.of(customer.id())), (a, b) -> a,
					TreeMap::new)));
		return "console/account";
	}

	@GetMapping(ConsolePages.PREFIX + "/accounts/{id}/edit")
	String editForm(@PathVariable String id, @AuthenticationPrincipal Caller caller, Model model) {
		caller.requireAdministrator();
		Account account = this.accountService.get(id, caller);
		Map<String, String> form = new LinkedHashMap<>();
		form.put("name", account.name());
		form.put("timeZoneId", account.timeZoneId());
		form.put("currency", account.currency());
		form.put("proration", account.proration());
		form.put("defaultCountryCode", (account.defaultCountryCode() != null) ? account.defaultCountryCode() : "");
		NightlyBilling nightly = (account.nightlyBilling() != null) ? account.nightlyBilling() : NightlyBilling.OFF;
		if (nightly.isEnabled()) {
			form.put("nightlyEnabled", "on");
		}
		form.put("nightlyEmail", (nightly.emailAddressToNotify() != null) ? nightly.emailAddressToNotify() : "");
		form.put("nightlyWebhookUrl", (nightly.webhookUrl() != null) ? nightly.webhookUrl() : "");
		form.put("nightlyLateData", nightly.rerunsLateData() ? NightlyBilling.RERUN : NightlyBilling.FLAG);
		PriceForm.fill(form, settings(account));
		return editPage(account, form, Map.of(), model);
	}

	@PostMapping(ConsolePages.PREFIX + "/accounts/{id}")
	String save(@PathVariable String id, @RequestParam Map<String, String> form, @AuthenticationPrincipal Caller caller,
			Model model, HttpServletResponse response) {
		caller.requireAdministrator();
		Account existing = this.accountService.get(id, caller);
		try {
			FieldErrors errors = new FieldErrors();
			BillingSettingsDto prices = PriceForm.read(form, errors);
			errors.throwIfAny();
			// The webhook secret is left out: it is kept (it is changed through the API only, and shown once).
			Account changed = new Account(id, form.get("name"), ConsolePages.blankAsNull(form.get("timeZoneId")),
					ConsolePages.blankAsNull(form.get("currency")), prices,
					ConsolePages.blankAsNull(form.get("proration")), null, null,
					new NightlyBilling("on".equals(form.get("nightlyEnabled")),
							ConsolePages.blankAsNull(form.get("nightlyEmail")),
							ConsolePages.blankAsNull(form.get("nightlyWebhookUrl")),
							ConsolePages.blankAsNull(form.get("nightlyLateData"))),
					ConsolePages.blankAsNull(form.get("defaultCountryCode")),
					// Rate decks and the pushed records' default customer are set through the API; the form keeps them.
					existing.rating(), existing.defaultCustomerId());
			RequestValidation.check(this.validator, changed);
			this.accountService.update(id, changed, caller);
			return ConsolePages.redirectTo("/accounts/" + id + "?saved=" + id);
		}
		catch (ApiException ex) {
			response.setStatus(ex.status().value());
			return editPage(existing, form, ConsolePages.fieldErrors(ex), model);
		}
	}

	private static String editPage(Account account, Map<String, String> form, Map<String, String> errors,
			Model model) {
		model.addAttribute("account", account);
		model.addAttribute("prorations", List.of("none", "daily"));
		model.addAttribute("items", PriceForm.items());
		model.addAttribute("fields", PriceForm.FIELDS);
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		return "console/account-edit";
	}

	/** Depth first, by name: each customer under its parent. */
	private static void addSubtree(String parentId, int depth, List<Customer> all, EffectiveSettings effective,
			Map<String, String> names, Map<String, PhoneNumberRepository.NumberCounts> counts, List<Row> rows) {
		all.stream()
			.filter(customer -> Objects.equals(customer.parentCustomerId(), parentId))
			.sorted(Comparator.comparing(Customer::name))
			.forEach(customer -> {
				String source = effective.sourceOf(customer.id());
				String from = (source == null) ? "the account's" : source.equals(customer.id()) ? "its own"
						: "inherited from " + names.get(source);
				PhoneNumberRepository.NumberCounts numbers = counts.getOrDefault(customer.id(),
						PhoneNumberRepository.NumberCounts.NONE);
				rows.add(new Row(customer, depth, from, numbers.local(), numbers.tollFree()));
				addSubtree(customer.id(), depth + 1, all, effective, names, counts, rows);
			});
	}

	private static BillingSettings settings(Account account) {
		return (account.billingSettings() != null) ? account.billingSettings().toSettings() : BillingSettings.NONE;
	}

	private static List<Price> prices(BillingSettings settings) {
		List<Price> prices = new ArrayList<>();
		for (BillingItem item : BillingItem.values()) {
			prices.add(new Price(item.displayName(), settings.get(item)));
		}
		return prices;
	}

	private static void requireAccountWideView(Caller caller) {
		if (caller.isCustomer()) {
			throw ApiException.forbidden("A Customer user does not see accounts' prices");
		}
	}

}
