package org.billingreports.accounts;

import java.util.List;
import java.util.Map;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.billingreports.kernel.RequestDto;
import org.billingreports.security.Caller;

/** Customers (the {@code /customers} routes of {@code api.md}): a tree per account; see {@link Customers} for who may do what. */
@RestController
class CustomerController {

	private final Customers customers;

	CustomerController(Customers customers) {
		this.customers = customers;
	}

	@PostMapping("/customers")
	Customer create(@RequestDto Customer request, @AuthenticationPrincipal Caller caller) {
		return this.customers.create(request, caller);
	}

	@GetMapping("/customers")
	Map<String, List<Customer>> list(@RequestParam String accountId, @AuthenticationPrincipal Caller caller) {
		return Map.of("customers", this.customers.list(accountId, caller));
	}

	@GetMapping("/customers/{id}")
	Customer get(@PathVariable String id, @AuthenticationPrincipal Caller caller) {
		return this.customers.get(id, caller);
	}

	@PutMapping("/customers/{id}")
	Customer update(@PathVariable String id, @RequestDto Customer request, @AuthenticationPrincipal Caller caller) {
		return this.customers.update(id, request, caller);
	}

}
