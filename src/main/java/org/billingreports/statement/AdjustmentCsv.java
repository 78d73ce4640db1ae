package org.billingreports.statement;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import org.billingreports.rating.BillingLine;
import org.billingreports.rating.Decimals;

/**
 * What one version of a report adds to or takes from another, in the billing file's own columns (the same
 * header): one line per customer and item that changed, its quantity, billable, raw cost and amount
 * signed (newer minus older), its allowance, unit cost and base cost as the newer version has them (the
 * older's for a line the newer no longer has). A credit or debit note: its Amount column sums to the
 * difference of the two totals.
 */
final class AdjustmentCsv {

	private AdjustmentCsv() {
	}

	static void write(Statement newer, Audience audience, List<VersionChanges.LineChange> changes, OutputStream out)
			throws IOException {
		boolean ids = newer.includeCustomerIds();
		new CsvOutput(out, BillingFileColumns.header(ids)).rows(changes::forEach, change -> {
			BillingLine prices = (change.after() != null) ? change.after() : change.before();
			List<Object> values = new ArrayList<>(10);
			values.add(SafeText.csv(change.customerName()));
			if (ids) {
				values.add(SafeText.csv(change.customerId()));
			}
			values.add(change.item().displayName());
			values.add(change.quantityAfter() - change.quantityBefore());
			values.add(prices.allowance());
			values.add(billable(change.after()) - billable(change.before()));
			values.add(Decimals.plain(prices.unitCost()).toPlainString());
			values.add(Decimals.plain(prices.baseCost()).toPlainString());
			values.add(audience.seesCarrierCosts()
					? Decimals.plain(change.rawCostAfter().subtract(change.rawCostBefore())).toPlainString()
					: null);
			values.add(change.amountDifference().toPlainString());
			return values;
		});
	}

	private static long billable(BillingLine line) {
		return (line != null) ? line.billable() : 0;
	}

}
