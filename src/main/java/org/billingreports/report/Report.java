package org.billingreports.report;

import java.time.Instant;

import org.billingreports.rating.BillingPeriod;

/** A billing report as requested and stored; its status lives in the job repository. */
public record Report(String id, String accountId, String name, String startDate, String endDate,
		BillingPeriod period, boolean includeCustomerIds, String emailAddressToNotify, String webhookUrl,
		String createdBy, Instant createdAt) {
}
