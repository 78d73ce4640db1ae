package org.billingreports.rating;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Resolves the settings that apply to each customer: its own when it overrides them, otherwise its
 * parent's effective settings, and the account's at the top of the tree. Each customer is resolved
 * once.
 */
public final class EffectiveSettings {

	private final BillingSettings accountSettings;

	private final Map<String, CustomerNode> customers;

	private final Map<String, BillingSettings> resolved = new HashMap<>();

	public EffectiveSettings(BillingSettings accountSettings, Iterable<CustomerNode> customers) {
		this.accountSettings = accountSettings;
		this.customers = new HashMap<>();
		for (CustomerNode customer : customers) {
			this.customers.put(customer.id(), customer);
		}
	}

	/** @throws IllegalArgumentException for an unknown customer or a cycle in the tree */
	public BillingSettings of(String customerId) {
		BillingSettings known = this.resolved.get(customerId);
		if (known == null) {
			String source = sourceOf(customerId);
			known = (source != null) ? lookup(source).ownSettings() : this.accountSettings;
			this.resolved.put(customerId, known);
		}
		return known;
	}

	/**
	 * Whose settings apply to the customer: the id of the nearest customer, itself included, that
	 * overrides them, or {@code null} for the account's.
	 * @throws IllegalArgumentException for an unknown customer or a cycle in the tree
	 */
	public String sourceOf(String customerId) {
		Set<String> seen = new LinkedHashSet<>();
		for (String current = customerId; current != null; current = lookup(current).parentId()) {
			if (!seen.add(current)) {
				throw new IllegalArgumentException("Customer tree has a cycle through " + current);
			}
			if (lookup(current).overrideSettings()) {
				return current;
			}
		}
		return null;
	}

	private CustomerNode lookup(String id) {
		CustomerNode node = this.customers.get(id);
		if (node == null) {
			throw new IllegalArgumentException("Unknown customer " + id);
		}
		return node;
	}

	/** The ids of a customer and all its descendants. */
	public static Set<String> subtree(String rootId, Iterable<CustomerNode> customers) {
		Map<String, Set<String>> children = new HashMap<>();
		Function<String, Set<String>> newSet = key -> new LinkedHashSet<>();
		for (CustomerNode customer : customers) {
			if (customer.parentId() != null) {
				children.computeIfAbsent(customer.parentId(), newSet).add(customer.id());
			}
		}
		Set<String> result = new LinkedHashSet<>();
		collect(rootId, children, result);
		return result;
	}

	private static void collect(String id, Map<String, Set<String>> children, Set<String> result) {
		if (result.add(id)) {
			for (String child : children.getOrDefault(id, Set.of())) {
				collect(child, children, result);
			}
		}
	}

}
