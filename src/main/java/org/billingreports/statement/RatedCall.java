package org.billingreports.statement;

import java.math.BigDecimal;
import java.time.Instant;

import org.billingreports.rating.BillingItem;

/**
 * A call record as a report rated it: the call, and the units and raw cost its billing row holds.
 *
 * @param units what the call counted towards its item's quantity (0 when not billable)
 * @param rawCost the carrier's cost the report charged for it (0 when not completed)
 */
record RatedCall(String customerId, String customerName, String callId, Instant startTime, String channel,
		String direction, String status, String from, String to, int durationSeconds, int billableSeconds,
		long units, BillingItem item, BigDecimal rawCost) {
}
