package org.billingreports.accounts;

import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import org.billingreports.kernel.ApiException;
import org.billingreports.rating.EffectiveSettings;
import org.billingreports.security.Caller;

/**
 * Customers (the {@code /customers} routes of {@code api.md}), a tree per account, for the API and the console: changed by a
 * SystemAdministrator or a Manager of the account; seen by the account's users (a Customer user: its
 * subtree).
 */
@Service
public class Customers {

	private final CustomerRepository customers;

	private final AccountAccess access;

	private final CustomerScope scope;

	private final AccountRepository accounts;

	Customers(CustomerRepository customers, AccountRepository accounts, AccountAccess access, CustomerScope scope) {
		this.customers = customers;
		this.accounts = accounts;
		this.access = access;
		this.scope = scope;
	}

	/** A new customer in the request's account: SystemAdministrator, or a Manager of the account. */
	public Customer create(Customer request, Caller caller) {
		this.access.actionable(request.accountId(), "accountId", caller);
		caller.requireManagerOf(request.accountId());
		Customer customer = request.withDefaults(Ids.orNew(request.id()));
		requireParentInAccount(customer);
		requireDeckInAccount(customer);
		try {
			this.customers.insert(customer);
		}
		catch (DuplicateKeyException ex) {
			throw ApiException.conflict("AlreadyExists", "Customer '" + customer.id() + "' or its referenceId '"
					+ customer.referenceId() + "' exists already");
		}
		return get(customer.id(), caller);
	}

	/** The account's customers the caller may see (a Customer user: its subtree). */
	public List<Customer> list(String accountId, Caller caller) {
		this.access.readable(accountId, caller);
		return this.scope.visibleOnly(caller, accountId, this.customers.findByAccount(accountId), Customer::id);
	}

	/** The customer, when the caller may see it; 404 otherwise. */
	public Customer get(String id, Caller caller) {
		Customer customer = this.customers.find(id)
			.filter(found -> this.scope.canSee(caller, found.accountId(), found.id()))
			.orElseThrow(() -> ApiException.notFound("Customer", id));
		return customer;
	}

	/** The customer as the request says (its id and account unchanged); a Manager of its account. */
	public Customer update(String id, Customer request, Caller caller) {
		Customer existing = this.customers.find(id).orElseThrow(() -> ApiException.notFound("Customer", id));
		caller.requireManagerOf(existing.accountId());
		if (request.id() != null && !request.id().equals(id)) {
			throw ApiException.invalidField("id", "NotEqual", "id in the body differs from the id in the path");
		}
		if (!existing.accountId().equals(request.accountId())) {
			throw ApiException.invalidField("accountId", "NotEqual", "a customer cannot move to another account");
		}
		Customer customer = request.withDefaults(id);
		requireParentInAccount(customer);
		requireDeckInAccount(customer);
		if (customer.parentCustomerId() != null && EffectiveSettings
			.subtree(id, this.customers.nodes(customer.accountId()))
			.contains(customer.parentCustomerId())) {
			throw ApiException.invalidField("parentCustomerId", "Cycle",
					"a customer cannot be its own ancestor: '" + customer.parentCustomerId()
							+ "' is this customer or one of its descendants");
		}
		try {
			this.customers.update(customer);
		}
		catch (DuplicateKeyException ex) {
			throw ApiException.conflict("AlreadyExists",
					"referenceId '" + customer.referenceId() + "' belongs to another customer");
		}
		return get(id, caller);
	}

	private void requireDeckInAccount(Customer customer) {
		if (customer.rateDeckId() != null && !this.accounts.isDeckOf(customer.rateDeckId(), customer.accountId())) {
			throw ApiException.invalidField("rateDeckId", "NotFound",
					"rate deck '" + customer.rateDeckId() + "' does not exist in account '" + customer.accountId() + "'");
		}
	}

	private void requireParentInAccount(Customer customer) {
		String parentId = customer.parentCustomerId();
		if (parentId != null && !this.customers.find(parentId)
			.map(parent -> parent.accountId().equals(customer.accountId()))
			.orElse(false)) {
			throw ApiException.invalidField("parentCustomerId", "NotFound",
					"parent customer '" + parentId + "' does not exist in account '" + customer.accountId() + "'");
		}
	}

}
