package org.billingreports.accounts;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import org.billingreports.rating.EffectiveSettings;
import org.billingreports.security.Caller;

/** Which customers of an account a caller may see: all of them, or a Customer user's subtree. */
@Component
public class CustomerScope {

	private final CustomerRepository customers;

	CustomerScope(CustomerRepository customers) {
		this.customers = customers;
	}

	/** @return the visible customer ids, or {@code null} for every customer of the account */
	public Set<String> visible(Caller caller, String accountId) {
		if (!caller.isCustomer()) {
			return null;
		}
		if (!accountId.equals(caller.accountId())) {
			return Set.of();
		}
		return EffectiveSettings.subtree(caller.customerId(), this.customers.nodes(accountId));
	}

	/** The records of the account whose customer the caller may see; {@code customerId} names a record's customer. */
	public <T> List<T> visibleOnly(Caller caller, String accountId, List<T> records, Function<T, String> customerId) {
		Set<String> visible = visible(caller, accountId);
		return records.stream().filter(record -> visible == null || visible.contains(customerId.apply(record))).toList();
	}

	public boolean canSee(Caller caller, String accountId, String customerId) {
		Set<String> visible = visible(caller, accountId);
		return (visible != null) ? visible.contains(customerId) : caller.canSeeAccount(accountId);
	}

}
