package org.billingreports.statement;

import java.math.BigDecimal;

/**
 * A customer a report considered, with or without lines, as it was then.
 *
 * @param position its place in the billing file's order (from 1)
 * @param parentCustomerId its parent then; {@code null} at the top of the tree
 * @param subtotal the sum of its lines' amounts
 */
public record StatementCustomer(int position, String customerId, String customerName, String parentCustomerId,
		BigDecimal subtotal) {
}
