package org.billingreports.billingjob;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import org.billingreports.accounts.Account;
import org.billingreports.accounts.AccountRepository;
import org.billingreports.accounts.Customer;
import org.billingreports.accounts.CustomerRepository;
import org.billingreports.accounts.PhoneNumberRepository;
import org.billingreports.accounts.PhoneNumberRepository.NumberCounts;
import org.billingreports.ratedecks.ReportDecks;
import org.billingreports.rating.BillingItem;
import org.billingreports.rating.BillingSettings;
import org.billingreports.rating.Decimals;
import org.billingreports.rating.EffectiveSettings;
import org.billingreports.rating.ItemSettings;

/**
 * Everything a report version billed from besides the call records, as one canonical JSON document:
 * the account's currency, time zone and proration, its rating options, the customer scope, and for each
 * customer considered its name and parent, its effective settings (the nine items, down the tree), its
 * phone-number counts and the rate deck it was rated with. Kept with the version's statement, so that
 * its total can be proved later ({@code settingsSha256}), and compared with what a rerun would bill
 * from now (what changed since).
 * <p>
 * Canonical: UTF-8, no whitespace, object keys in code-point order, decimals as strings in plain
 * notation without trailing zeros ({@code "0.01"}, {@code "40"}), counts as numbers, absent values as
 * {@code null}, customers in id order.
 */
@Component
public class VersionInputs {

	/** Writes maps in key order: every map here is a {@link TreeMap}. */
	private static final JsonMapper CANONICAL = JsonMapper.builder().build();

	private static final TypeReference<Map<String, Object>> TREE = new TypeReference<>() {
	};

	private final AccountRepository accounts;

	private final CustomerRepository customers;

	private final PhoneNumberRepository phoneNumbers;

	private final ReportDecks decks;

	VersionInputs(AccountRepository accounts, CustomerRepository customers, PhoneNumberRepository phoneNumbers,
			ReportDecks decks) {
		this.accounts = accounts;
		this.customers = customers;
		this.phoneNumbers = phoneNumbers;
		this.decks = decks;
	}

	/** The inputs of a version being billed, with the decks pinned for it. */
	String billed(ReportToBill report) {
		return json(of(report.accountId(), report.scope(), this.decks.pinned(report.run())));
	}

	/**
	 * The inputs a new version of the report would bill from now: the account, prices and tree as they are,
	 * each customer's deck at its newest version.
	 */
	public Map<String, Object> now(String accountId, Set<String> scope) {
		return of(accountId, scope, this.decks.wouldPin(accountId, scope));
	}

	/** A stored document read back into the same shape as {@link #now}. */
	public static Map<String, Object> read(String json) {
		return CANONICAL.readValue(json, TREE);
	}

	static String json(Map<String, Object> inputs) {
		return CANONICAL.writeValueAsString(inputs);
	}

	private Map<String, Object> of(String accountId, Set<String> scope, Map<String, ReportDecks.UsedDeck> decks) {
		Account account = this.accounts.find(accountId)
			.orElseThrow(() -> new IllegalStateException("account " + accountId + " no longer exists"));
		List<Customer> all = this.customers.findByAccount(accountId);
		EffectiveSettings settings = new EffectiveSettings(this.accounts.settingsOf(accountId),
				all.stream().map(Customer::node).toList());
		Map<String, NumberCounts> numbers = this.phoneNumbers.countsByCustomer(accountId);

		Map<String, Object> inputs = new TreeMap<>();
		Map<String, Object> accountPart = new TreeMap<>();
		accountPart.put("id", account.id());
		accountPart.put("currency", account.currency());
		accountPart.put("timeZone", account.timeZoneId());
		accountPart.put("proration", account.prorating().id());
		inputs.put("account", accountPart);
		Map<String, Object> rating = new TreeMap<>();
		rating.put("rateDeckId", account.rating().rateDeckId());
		rating.put("unmatchedCalls", account.rating().unmatchedCalls());
		rating.put("fallbackRate", decimal(account.rating().fallbackRate()));
		rating.put("deckReplacesCarrierCost", Boolean.TRUE.equals(account.rating().deckReplacesCarrierCost()));
		rating.put("defaultCountryCode", account.defaultCountryCode());
		inputs.put("rating", rating);
		inputs.put("scope", (scope != null) ? new ArrayList<>(new TreeSet<>(scope)) : null);
		Map<String, Object> byId = new TreeMap<>();
		for (Customer customer : all) {
			if (scope != null && !scope.contains(customer.id())) {
				continue;
			}
			Map<String, Object> entry = new TreeMap<>();
			entry.put("id", customer.id());
			entry.put("name", customer.name());
			entry.put("parent", customer.parentCustomerId());
			entry.put("settings", settings(settings.of(customer.id())));
			NumberCounts counts = numbers.getOrDefault(customer.id(), NumberCounts.NONE);
			entry.put("localNumbers", counts.local());
			entry.put("tollFreeNumbers", counts.tollFree());
			ReportDecks.UsedDeck deck = decks.get(customer.id());
			entry.put("deck", (deck != null) ? deck(deck) : null);
			byId.put(customer.id(), entry);
		}
		inputs.put("customers", new ArrayList<>(byId.values()));
		return inputs;
	}

	private static Map<String, Object> settings(BillingSettings settings) {
		Map<String, Object> items = new TreeMap<>();
		for (BillingItem item : BillingItem.values()) {
			ItemSettings prices = settings.get(item);
			Map<String, Object> entry = new TreeMap<>();
			entry.put("baseCost", decimal(prices.baseCost()));
			entry.put("rawUnitMultiplier", decimal(prices.rawUnitMultiplier()));
			entry.put("unitCost", decimal(prices.unitCost()));
			entry.put("allowance", prices.allowance());
			items.put(item.settingsField(), entry);
		}
		return items;
	}

	private static Map<String, Object> deck(ReportDecks.UsedDeck deck) {
		Map<String, Object> entry = new TreeMap<>();
		entry.put("id", deck.id());
		entry.put("name", deck.name());
		entry.put("version", deck.version());
		return entry;
	}

	private static String decimal(BigDecimal value) {
		return (value != null) ? Decimals.plain(value).toPlainString() : null;
	}

}
