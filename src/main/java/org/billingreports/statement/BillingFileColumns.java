package org.billingreports.statement;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.billingreports.rating.BillingLine;

import static org.billingreports.rating.Decimals.plain;

/**
 * The columns of the billing file ({@code formats.md}, The billing file out), shared by every format of it: the CSV and the
 * workbook have the same header and the same values in the same order. Text stays text; numbers are
 * {@link BigDecimal} or {@code Long}, for a format to write as it writes numbers.
 */
final class BillingFileColumns {

	private static final List<String> HEADER = List.of("Customer", "Customer ID", "Item", "Quantity", "Allowance",
			"Billable", "Unit Cost", "Base Cost", "Raw Cost", "Amount");

	private BillingFileColumns() {
	}

	static List<String> header(boolean includeCustomerIds) {
		return includeCustomerIds ? HEADER : HEADER.stream().filter(name -> !name.equals("Customer ID")).toList();
	}

	/**
	 * One line's values; plain decimals as written (0.01, 12, never 1E+1), the amount to the cent. For a
	 * customer the raw cost is {@code null}: not shown.
	 */
	static List<Object> values(String customerName, String customerId, BillingLine line, boolean includeCustomerIds,
			Audience audience) {
		List<Object> values = new ArrayList<>(10);
		values.add(customerName);
		if (includeCustomerIds) {
			values.add(customerId);
		}
		values.add(line.item().displayName());
		values.add(line.quantity());
		values.add(line.allowance());
		values.add(line.billable());
		values.add(plain(line.unitCost()));
		values.add(plain(line.baseCost()));
		values.add(audience.seesCarrierCosts() ? plain(line.rawCost()) : null);
		values.add(line.amount());
		return values;
	}

}
