package org.billingreports.rating;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Evo's {@code BillingItem}: the price of one billing item.
 *
 * @param baseCost charged once per line, whatever the usage
 * @param rawUnitMultiplier multiplies the summed carrier cost (a mark-up of 1.2 passes costs on with 20%)
 * @param unitCost charged per billable unit
 * @param allowance units included before {@code unitCost} applies
 */
public record ItemSettings(BigDecimal baseCost, BigDecimal rawUnitMultiplier, BigDecimal unitCost, long allowance) {

	/** A missing item: everything zero. */
	public static final ItemSettings ZERO = new ItemSettings(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0);

	public ItemSettings {
		Objects.requireNonNull(baseCost, "baseCost");
		Objects.requireNonNull(rawUnitMultiplier, "rawUnitMultiplier");
		Objects.requireNonNull(unitCost, "unitCost");
	}

}
