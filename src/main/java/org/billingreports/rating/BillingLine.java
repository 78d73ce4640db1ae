package org.billingreports.rating;

import java.math.BigDecimal;

/** One line of a billing file: one customer's charge for one item. */
public record BillingLine(BillingItem item, long quantity, long allowance, long billable, BigDecimal unitCost,
		BigDecimal baseCost, BigDecimal rawCost, BigDecimal amount) {
}
