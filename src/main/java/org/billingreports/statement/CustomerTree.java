package org.billingreports.statement;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The customers of a report as the tree they were in: each under its parent (when the parent is in
 * the report too), siblings in the billing file's order. A customer report's subtree has its own
 * root at the top.
 */
final class CustomerTree {

	/** A customer at its depth in the tree (0 at the top). */
	record Node(StatementCustomer customer, int depth) {
	}

	private final Map<String, StatementCustomer> byId = new LinkedHashMap<>();

	private final Map<String, List<StatementCustomer>> children = new HashMap<>();

	private final List<StatementCustomer> roots = new ArrayList<>();

	CustomerTree(List<StatementCustomer> customers) {
		customers.forEach(customer -> this.byId.put(customer.customerId(), customer));
		for (StatementCustomer customer : customers) {
			if (parentOf(customer) == null) {
				this.roots.add(customer);
			}
			else {
				this.children.computeIfAbsent(customer.parentCustomerId(), id -> new ArrayList<>()).add(customer);
			}
		}
	}

	/** The parent, when it is in the report. */
	StatementCustomer parentOf(StatementCustomer customer) {
		return (customer.parentCustomerId() == null) ? null : this.byId.get(customer.parentCustomerId());
	}

	/** Every customer, each followed by its branches. */
	List<Node> depthFirst() {
		List<Node> nodes = new ArrayList<>(this.byId.size());
		Deque<Node> stack = new ArrayDeque<>();
		for (int i = this.roots.size() - 1; i >= 0; i--) {
			stack.push(new Node(this.roots.get(i), 0));
		}
		while (!stack.isEmpty()) {
			Node node = stack.pop();
			nodes.add(node);
			List<StatementCustomer> below = this.children.getOrDefault(node.customer().customerId(), List.of());
			for (int i = below.size() - 1; i >= 0; i--) {
				stack.push(new Node(below.get(i), node.depth() + 1));
			}
		}
		return nodes;
	}

	/** The ids of the customer and all its branches; {@code null} when the customer is not in the report. */
	Set<String> subtreeOf(String customerId) {
		if (!this.byId.containsKey(customerId)) {
			return null;
		}
		Set<String> ids = new HashSet<>();
		Deque<String> open = new ArrayDeque<>(List.of(customerId));
		while (!open.isEmpty()) {
			String id = open.pop();
			ids.add(id);
			this.children.getOrDefault(id, List.of()).forEach(child -> open.push(child.customerId()));
		}
		return ids;
	}

	/** The customer's subtotal and all its branches'. */
	BigDecimal withBranches(StatementCustomer customer) {
		BigDecimal sum = customer.subtotal();
		for (StatementCustomer child : this.children.getOrDefault(customer.customerId(), List.of())) {
			sum = sum.add(withBranches(child));
		}
		return sum;
	}

}
