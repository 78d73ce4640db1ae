package org.billingreports.rating;

import java.math.BigDecimal;

/**
 * One line of a billing file: one customer's charge for one item, with the prices it was computed
 * with: {@code amount = baseCost + billable × unitCost + rawUnitMultiplier × rawCost}, rounded once.
 */
public record BillingLine(BillingItem item, long quantity, long allowance, long billable, BigDecimal unitCost,
		BigDecimal baseCost, BigDecimal rawCost, BigDecimal rawUnitMultiplier, BigDecimal amount) {

	/** {@code rawUnitMultiplier × rawCost}: what the carrier's cost adds to the amount, before rounding. */
	public BigDecimal perCallCharges() {
		return this.rawUnitMultiplier.multiply(this.rawCost);
	}

}
