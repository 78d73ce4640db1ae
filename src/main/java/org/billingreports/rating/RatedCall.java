package org.billingreports.rating;

import java.math.BigDecimal;

/**
 * What one call record contributes to its customer's bill: a billing row.
 *
 * @param item the billing item it counts towards
 * @param units minutes for voice, 1 for an SMS or fax, 0 when not billable
 * @param rawCost the carrier's cost, 0 when not billable
 */
public record RatedCall(BillingItem item, long units, BigDecimal rawCost) {
}
