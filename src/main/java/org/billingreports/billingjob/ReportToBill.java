package org.billingreports.billingjob;

import java.util.Set;

import org.billingreports.rating.BillingPeriod;

/**
 * What the billing job needs to know of the report it bills.
 * @param scope the customers a Customer user's report covers; {@code null} for the whole account
 */
public record ReportToBill(String id, String accountId, BillingPeriod period, boolean includeCustomerIds,
		Set<String> scope) {

	public boolean isScoped() {
		return this.scope != null;
	}

}
