package org.billingreports.accounts;

import java.util.List;
import java.util.Map;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.billingreports.rating.EffectiveSettings;
import org.billingreports.security.Caller;
import org.billingreports.kernel.ApiException;
import org.billingreports.kernel.RequestDto;

/** Customers (SPEC section 5): a tree per account; SystemAdministrator, or a Manager in its account. */
@RestController
class CustomerController {

	private final CustomerRepository customers;

	private final AccountAccess access;

	private final CustomerScope scope;

	CustomerController(CustomerRepository customers, AccountAccess access, CustomerScope scope) {
		this.customers = customers;
		this.access = access;
		this.scope = scope;
	}

	@PostMapping("/customers")
	Customer create(@RequestDto Customer request, @AuthenticationPrincipal Caller caller) {
		this.access.actionable(request.accountId(), "accountId", caller);
		caller.requireManagerOf(request.accountId());
		Customer customer = request.withDefaults(Ids.orNew(request.id()));
		requireParentInAccount(customer);
		try {
			this.customers.insert(customer);
		}
		catch (DuplicateKeyException ex) {
			throw ApiException.conflict("AlreadyExists", "Customer '" + customer.id() + "' or its referenceId '"
					+ customer.referenceId() + "' exists already");
		}
		return get(customer.id(), caller);
	}

	@GetMapping("/customers")
	Map<String, List<Customer>> list(@RequestParam String accountId, @AuthenticationPrincipal Caller caller) {
		this.access.readable(accountId, caller);
		return Map.of("customers",
				this.scope.visibleOnly(caller, accountId, this.customers.findByAccount(accountId), Customer::id));
	}

	@GetMapping("/customers/{id}")
	Customer get(@PathVariable String id, @AuthenticationPrincipal Caller caller) {
		Customer customer = this.customers.find(id)
			.filter(found -> this.scope.canSee(caller, found.accountId(), found.id()))
			.orElseThrow(() -> ApiException.notFound("Customer", id));
		return customer;
	}

	@PutMapping("/customers/{id}")
	Customer update(@PathVariable String id, @RequestDto Customer request, @AuthenticationPrincipal Caller caller) {
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
