package org.billingreports.rating;

import java.math.BigDecimal;

/**
 * A customer's summed usage of one call item within a report.
 *
 * @param quantity the sum of the billing rows' units
 * @param rawCost the sum of the billing rows' raw costs
 */
public record ItemUsage(long quantity, BigDecimal rawCost) {

	public static final ItemUsage NONE = new ItemUsage(0, BigDecimal.ZERO);

}
