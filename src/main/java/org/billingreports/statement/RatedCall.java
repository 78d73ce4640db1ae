package org.billingreports.statement;

import java.math.BigDecimal;
import java.time.Instant;

import org.billingreports.rating.BillingItem;

/**
 * A call record as a report rated it: the call, and the units and raw cost its billing row holds.
 *
 * @param units what the call counted towards its item's quantity (0 when not billable)
 * @param rawCost the cost the report charged for it (0 when not completed): the carrier's, or its rate deck's
 * @param pricing where the raw cost came from: {@code carrier}, {@code deck}, {@code unmatched} or {@code fallback}
 * @param rateDeck the deck that priced it or matched none of its prefixes ("Carrier A v3"), or {@code null}
 * @param ratePrefix the deck's prefix that priced it, or {@code null}
 */
record RatedCall(String customerId, String customerName, String callId, Instant startTime, String channel,
		String direction, String status, String from, String to, int durationSeconds, int billableSeconds,
		long units, BillingItem item, BigDecimal rawCost, String pricing, String rateDeck, String ratePrefix) {
}
