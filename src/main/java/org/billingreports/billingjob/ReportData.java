package org.billingreports.billingjob;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.billingreports.rating.BillingLine;

/**
 * A completed report's lines grouped per customer, as a webhook carries them (SPEC section 9). The
 * totals are sums of the lines' rounded amounts, so they equal the billing file's.
 */
public record ReportData(String currency, List<CustomerData> customers, BigDecimal total) {

	public record CustomerData(String customerId, String customerName, List<LineData> lines, BigDecimal total) {
	}

	public record LineData(String item, long quantity, long allowance, long billable, BigDecimal unitCost,
			BigDecimal baseCost, BigDecimal rawCost, BigDecimal amount) {

		static LineData of(BillingLine line) {
			return new LineData(line.item().displayName(), line.quantity(), line.allowance(), line.billable(),
					line.unitCost().stripTrailingZeros(), line.baseCost().stripTrailingZeros(),
					line.rawCost().stripTrailingZeros(), line.amount());
		}

	}

	static ReportData of(String currency, List<BillingLineRepository.CustomerLine> lines) {
		Map<String, List<BillingLineRepository.CustomerLine>> byCustomer = new LinkedHashMap<>();
		for (BillingLineRepository.CustomerLine line : lines) {
			byCustomer.computeIfAbsent(line.customerId(), id -> new ArrayList<>()).add(line);
		}
		List<CustomerData> customers = new ArrayList<>();
		BigDecimal total = BigDecimal.ZERO.setScale(2);
		for (List<BillingLineRepository.CustomerLine> customerLines : byCustomer.values()) {
			BigDecimal customerTotal = BigDecimal.ZERO.setScale(2);
			List<LineData> data = new ArrayList<>();
			for (BillingLineRepository.CustomerLine line : customerLines) {
				data.add(LineData.of(line.line()));
				customerTotal = customerTotal.add(line.line().amount());
			}
			BillingLineRepository.CustomerLine first = customerLines.get(0);
			customers.add(new CustomerData(first.customerId(), first.customerName(), data, customerTotal));
			total = total.add(customerTotal);
		}
		return new ReportData(currency, customers, total);
	}

}
