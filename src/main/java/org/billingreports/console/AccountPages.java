package org.billingreports.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import org.billingreports.accounts.Account;
import org.billingreports.accounts.AccountAccess;
import org.billingreports.accounts.Customer;
import org.billingreports.accounts.CustomerRepository;
import org.billingreports.accounts.PhoneNumberRepository;
import org.billingreports.kernel.ApiException;
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

	AccountPages(AccountAccess accounts, CustomerRepository customers, PhoneNumberRepository numbers) {
		this.accounts = accounts;
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
		caller.requireAccountWideView(id, "Account", id);
		Account account = this.accounts.readable(id, caller);
		List<Customer> all = this.customers.findByAccount(id);
		EffectiveSettings effective = new EffectiveSettings(settings(account),
				all.stream().map(Customer::node).toList());
		Map<String, String> names = all.stream().collect(Collectors.toMap(Customer::id, Customer::name));
		Map<String, PhoneNumberRepository.NumberCounts> counts = this.numbers.countsByCustomer(id);
		List<Row> rows = new ArrayList<>();
		addSubtree(null, 0, all, effective, names, counts, rows);
		model.addAttribute("account", account);
		model.addAttribute("mayEdit", caller.isAdministrator() || id.equals(caller.accountId()));
		model.addAttribute("prices", prices(settings(account)));
		model.addAttribute("rows", rows);
		model.addAttribute("overriding", all.stream()
			.filter(customer -> Boolean.TRUE.equals(customer.overrideBillingSettings()))
			.collect(Collectors.toMap(Customer::name, customer -> prices(effective.of(customer.id())), (a, b) -> a,
					TreeMap::new)));
		return "console/account";
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
