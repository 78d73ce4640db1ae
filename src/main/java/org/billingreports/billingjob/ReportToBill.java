package org.billingreports.billingjob;

import java.util.Set;

import org.billingreports.kernel.ReportVersion;
import org.billingreports.rating.BillingPeriod;

/**
 * What the billing job needs to know of the report version it bills.
 * @param startDate the period's start as requested (a date or a date-time)
 * @param endDate the period's end as requested
 * @param scope the customers a Customer user's report covers; {@code null} for the whole account
 */
public record ReportToBill(ReportVersion run, String accountId, String startDate, String endDate, BillingPeriod period,
		boolean includeCustomerIds, Set<String> scope) {

	public boolean isScoped() {
		return this.scope != null;
	}

}
