package org.billingreports.accounts;

import java.util.List;
import java.util.Map;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import org.billingreports.security.Caller;
import org.billingreports.kernel.ApiException;
import org.billingreports.kernel.RequestDto;

/** Phone numbers assigned to customers, billed as the LocalNumbers and TollFreeNumbers items. */
@RestController
class PhoneNumberController {

	private final PhoneNumberRepository numbers;

	private final CustomerRepository customers;

	private final AccountAccess access;

	private final CustomerScope scope;

	PhoneNumberController(PhoneNumberRepository numbers, CustomerRepository customers, AccountAccess access,
			CustomerScope scope) {
		this.numbers = numbers;
		this.customers = customers;
		this.access = access;
		this.scope = scope;
	}

	@PostMapping("/phone-numbers")
	PhoneNumber create(@RequestDto PhoneNumber request, @AuthenticationPrincipal Caller caller) {
		this.access.actionable(request.accountId(), "accountId", caller);
		caller.requireManagerOf(request.accountId());
		boolean customerInAccount = this.customers.find(request.customerId())
			.map(customer -> customer.accountId().equals(request.accountId()))
			.orElse(false);
		if (!customerInAccount) {
			throw ApiException.invalidField("customerId", "NotFound", "customer '" + request.customerId()
					+ "' does not exist in account '" + request.accountId() + "'");
		}
		PhoneNumber number = request.withDefaults();
		try {
			this.numbers.insert(number);
		}
		catch (DuplicateKeyException ex) {
			throw ApiException.conflict("AlreadyExists", "Number " + number.number() + " is assigned already");
		}
		return number;
	}

	@GetMapping("/phone-numbers")
	Map<String, List<PhoneNumber>> list(@RequestParam String accountId, @AuthenticationPrincipal Caller caller) {
		this.access.readable(accountId, caller);
		return Map.of("phoneNumbers",
				this.scope.visibleOnly(caller, accountId, this.numbers.findByAccount(accountId), PhoneNumber::customerId));
	}

	@DeleteMapping("/phone-numbers/{number}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable String number, @AuthenticationPrincipal Caller caller) {
		PhoneNumber existing = this.numbers.find(number)
			.orElseThrow(() -> ApiException.notFound("Phone number", number));
		caller.requireManagerOf(existing.accountId());
		this.numbers.delete(existing);
	}

}
