package org.billingreports.report;

import java.time.Instant;
import java.time.LocalDate;

import org.billingreports.rating.BillingPeriod;

/**
 * A billing report as requested and stored; its status lives in the job repository.
 *
 * @param scopeCustomerId for a Customer user's report, the customer whose subtree it covers; {@code null}
 * for the whole account
 * @param nightlyDate for a nightly run, the day it bills; {@code null} for a requested report
 */
public record Report(String id, String accountId, String name, String startDate, String endDate,
		BillingPeriod period, boolean includeCustomerIds, String emailAddressToNotify, String webhookUrl,
		String createdBy, String createdByUserId, String scopeCustomerId, LocalDate nightlyDate, Instant createdAt) {

	public boolean isScoped() {
		return this.scopeCustomerId != null;
	}

}
