package org.billingreports.ratedecks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import org.billingreports.accounts.Account;
import org.billingreports.accounts.AccountRepository;
import org.billingreports.accounts.Customer;
import org.billingreports.accounts.CustomerRepository;
import org.billingreports.kernel.ReportVersion;
import org.billingreports.rating.BillingItem;
import org.billingreports.rating.BillingSettings;
import org.billingreports.rating.CustomerNode;
import org.billingreports.rating.EffectiveSettings;
import org.billingreports.rating.RateDeck;
import org.billingreports.rating.RatingSql;
import org.billingreports.rating.Tariff;

/**
 * The rate decks a report rates with. They are fixed when the report first rates (each customer's
 * deck down the tree, at its newest version then) and kept for every restart, so that a report never
 * mixes two versions of a deck; a report run anew takes the versions newest then.
 */
@Component
public class ReportDecks {

	private static final int LOADED_VERSIONS = 8;

	private final JdbcClient jdbc;

	private final RateDeckRepository decks;

	private final AccountRepository accounts;

	private final CustomerRepository customers;

	/** The versions loaded last: a few megabytes each for 100,000 prefixes. */
	private final Map<UsedDeck, RateDeck> loaded = new LinkedHashMap<>(16, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<UsedDeck, RateDeck> eldest) {
			return size() > LOADED_VERSIONS;
		}

	};

	ReportDecks(JdbcClient jdbc, RateDeckRepository decks, AccountRepository accounts, CustomerRepository customers) {
		this.jdbc = jdbc;
		this.decks = decks;
		this.accounts = accounts;
		this.customers = customers;
	}

	/** A deck a report rated with. */
	public record UsedDeck(String id, String name, int version) {

		/** As lines and calls name it: "Retail v3". */
		public String label() {
			return RateDeck.label(this.name, this.version);
		}

	}

	/**
	 * Fixes the deck of each of the version's customers, unless that was done before: its own, else its
	 * nearest ancestor's, else the account's, at each deck's newest version.
	 * @param scope the customers a Customer user's report covers; {@code null} for all of them
	 * @return the rows of {@code report_rate_deck_item} written: the (customer, item) pairs priced by a deck
	 */
	@Transactional
	public int pin(ReportVersion run, String accountId, Set<String> scope) {
		boolean pinned = this.jdbc.sql("SELECT COUNT(*) FROM report_rate_deck WHERE report_id = ? AND version = ?")
			.params(run.reportId(), run.version())
			.query(Long.class)
			.single() > 0;
		if (pinned) {
			return 0;
		}
		Map<String, Set<BillingItem>> items = new HashMap<>();
		int[] written = { 0 };
		chosen(accountId, scope).forEach((customerId, deck) -> {
			this.jdbc
				.sql("INSERT INTO report_rate_deck (report_id, version, customer_id, deck_id, deck_name, deck_version) "
						+ "VALUES (?, ?, ?, ?, ?, ?)")
				.params(run.reportId(), run.version(), customerId, (deck != null) ? deck.id() : null,
						(deck != null) ? deck.name() : null, (deck != null) ? deck.version() : null)
				.update();
			Set<BillingItem> priced = (deck != null)
					? items.computeIfAbsent(deck.id(), id -> this.decks.ratesPerItem(deck.id(), deck.version()).keySet())
					: Set.of();
			for (BillingItem item : priced) {
				this.jdbc
					.sql("INSERT INTO report_rate_deck_item (report_id, version, customer_id, item) VALUES (?, ?, ?, ?)")
					.params(run.reportId(), run.version(), customerId, item.code())
					.update();
				written[0]++;
			}
		});
		return written[0];
	}

	/**
	 * The deck each customer (of the scope) would be pinned to now, in the account's customer order;
	 * {@code null} for a customer without one.
	 */
	public Map<String, UsedDeck> wouldPin(String accountId, Set<String> scope) {
		Map<String, UsedDeck> decks = new LinkedHashMap<>();
		chosen(accountId, scope).forEach((customerId, deck) -> decks.put(customerId,
				(deck != null) ? new UsedDeck(deck.id(), deck.name(), deck.version()) : null));
		return decks;
	}

	private Map<String, RateDeckRepository.Deck> chosen(String accountId, Set<String> scope) {
		Account account = this.accounts.find(accountId)
			.orElseThrow(() -> new IllegalStateException("account " + accountId + " no longer exists"));
		List<Customer> all = this.customers.findByAccount(accountId);
		Map<String, String> ownDeck = new HashMap<>();
		all.forEach(customer -> ownDeck.put(customer.id(), customer.rateDeckId()));
		// The tree walk of billing settings, where "overrides" means "has a deck of its own".
		EffectiveSettings tree = new EffectiveSettings(BillingSettings.NONE, all.stream()
			.map(customer -> new CustomerNode(customer.id(), customer.parentCustomerId(),
					customer.rateDeckId() != null, BillingSettings.NONE))
			.toList());
		Map<String, RateDeckRepository.Deck> known = new HashMap<>();
		Map<String, RateDeckRepository.Deck> chosen = new LinkedHashMap<>();
		for (Customer customer : all) {
			if (scope != null && !scope.contains(customer.id())) {
				continue;
			}
			String source = tree.sourceOf(customer.id());
			String deckId = (source != null) ? ownDeck.get(source) : account.rating().rateDeckId();
			chosen.put(customer.id(), (deckId != null)
					? known.computeIfAbsent(deckId, id -> this.decks.find(id).orElseThrow()) : null);
		}
		return chosen;
	}

	/**
	 * Which of the report's call records (rows of {@code call_record}) a deck prices: those of a customer
	 * whose deck has rates for their item and, unless the deck replaces carrier costs, that have none.
	 */
	public static String pricedByDeck(boolean deckReplacesCarrierCost) {
		// An equality on (customer, item): PostgreSQL hashes it. A LIKE on a list of the deck's items, tried
		// first, was evaluated for every pair of call and customer: the bench's deck job took 28 s, not 13.
		String byDeck = "EXISTS (SELECT 1 FROM report_rate_deck_item p WHERE p.report_id = :reportId "
				+ "AND p.version = :version AND p.customer_id = call_record.customer_id AND p.item = " + RatingSql.item() + ")";
		return deckReplacesCarrierCost ? byDeck : byDeck + " AND " + RatingSql.rawCost() + " = 0";
	}

	/**
	 * The decks the report rates with, by the customers they price; empty when no customer has one. A
	 * version never changes, so the partitions of a report (and reports after it) share a loaded one.
	 */
	public Map<String, RateDeck> byCustomer(ReportVersion run) {
		Map<String, RateDeck> byCustomer = new HashMap<>();
		pinned(run).forEach((customer, deck) -> byCustomer.put(customer, loaded(deck)));
		return byCustomer;
	}

	/** Each customer's deck as lines name it ("Retail v3"), for the report's customers that have one. */
	public Map<String, String> labelsByCustomer(ReportVersion run) {
		Map<String, String> labels = new HashMap<>();
		pinned(run).forEach((customer, deck) -> labels.put(customer, deck.label()));
		return labels;
	}

	/** The deck pinned for each of the version's customers that has one. */
	public Map<String, UsedDeck> pinned(ReportVersion run) {
		Map<String, UsedDeck> used = new HashMap<>();
		this.jdbc
			.sql("SELECT customer_id, deck_id, deck_name, deck_version FROM report_rate_deck "
					+ "WHERE report_id = ? AND version = ? AND deck_id IS NOT NULL")
			.params(run.reportId(), run.version())
			.query(rs -> {
				used.put(rs.getString("customer_id"), usedDeck(rs));
			});
		return used;
	}

	private static UsedDeck usedDeck(ResultSet rs) throws SQLException {
		return new UsedDeck(rs.getString("deck_id"), rs.getString("deck_name"), rs.getInt("deck_version"));
	}

	/** The decks the version rated with, by name. */
	public List<UsedDeck> used(ReportVersion run) {
		return this.jdbc
			.sql("SELECT DISTINCT deck_id, deck_name, deck_version FROM report_rate_deck "
					+ "WHERE report_id = ? AND version = ? AND deck_id IS NOT NULL ORDER BY deck_name, deck_id")
			.params(run.reportId(), run.version())
			.query((rs, row) -> usedDeck(rs))
			.list();
	}

	/** The version, loaded once at a time: a partition that asks while another loads it waits for it. */
	private RateDeck loaded(UsedDeck deck) {
		synchronized (this.loaded) {
			return this.loaded.computeIfAbsent(deck, this::load);
		}
	}

	/** One version, its equal tariffs shared: a deck of 100,000 prefixes has far fewer prices. */
	private RateDeck load(UsedDeck deck) {
		RateDeck.Builder builder = RateDeck.builder(deck.id(), deck.name(), deck.version());
		Map<Tariff, Tariff> tariffs = new HashMap<>();
		this.decks.forEachRate(deck.id(), deck.version(), rate -> builder.add(rate.item(), rate.prefix(),
				tariffs.computeIfAbsent(rate.tariff(), tariff -> tariff), rate.effectiveFrom(), rate.effectiveTo()));
		return builder.build();
	}

}
