package org.billingreports.statement;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.billingreports.rating.BillingLine;
import org.billingreports.rating.LineCalculator;

import static org.billingreports.rating.Decimals.plain;

/**
 * A completed report's lines grouped per customer, with what they are about: the webhook's
 * {@code data} ({@code api.md}, Notifications) and {@code GET /reports/{id}/lines}. Every customer the report
 * considered is listed, with or without lines, with its parent then; subtotals and the total are sums
 * of the lines' rounded amounts, so they equal the billing file's. For a customer ({@link
 * Audience#CUSTOMER}) the raw cost, the multiplier and the rate deck are left out.
 *
 * @param firstDay the period's first day in the account's time zone
 * @param lastDay the period's last day in the account's time zone
 * @param proration {@code none} or {@code daily}: how fixed fees were charged
 */
public record ReportData(String reportId, int version, String accountId, String accountName, String startDate, String endDate,
		String timeZoneId, String firstDay, String lastDay, String currency, String proration, String generatedAt,
		List<CustomerData> customers, BigDecimal total) {

	/** @param total the customer's subtotal */
	public record CustomerData(String customerId, String customerName, String parentCustomerId, List<LineData> lines,
			BigDecimal total) {
	}

	/**
	 * @param unit what {@code quantity} counts: {@code fee}, {@code numbers}, {@code minutes},
	 * {@code messages} or {@code faxes}
	 * @param perCallCharges {@code rawUnitMultiplier × rawCost}, before rounding
	 * @param rateDeck the rate deck and version that priced calls of the line ("Retail v3"); for the provider only
	 */
	public record LineData(String item, String unit, long quantity, long allowance, long billable,
			BigDecimal unitCost, BigDecimal baseCost, BigDecimal rawCost, BigDecimal rawUnitMultiplier,
			BigDecimal perCallCharges, BigDecimal amount, String rateDeck) {

		static LineData of(StatementRepository.CustomerLine customerLine, Audience audience) {
			boolean provider = audience.seesCarrierCosts();
			BillingLine line = customerLine.line();
			return new LineData(line.item().displayName(), Units.of(line.item()), line.quantity(), line.allowance(),
					line.billable(), plain(line.unitCost()), plain(line.baseCost()),
					provider ? plain(line.rawCost()) : null, provider ? plain(line.rawUnitMultiplier()) : null,
					plain(line.perCallCharges()), line.amount(), provider ? customerLine.rateDeck() : null);
		}

	}

	static ReportData of(Statement statement, List<StatementCustomer> customers,
			List<StatementRepository.CustomerLine> lines, Audience audience) {
		Map<String, List<LineData>> byCustomer = new LinkedHashMap<>();
		for (StatementRepository.CustomerLine line : lines) {
			byCustomer.computeIfAbsent(line.customerId(), id -> new ArrayList<>()).add(LineData.of(line, audience));
		}
		BigDecimal total = BigDecimal.ZERO.setScale(LineCalculator.AMOUNT_SCALE);
		List<CustomerData> data = new ArrayList<>();
		for (StatementCustomer customer : customers) {
			data.add(new CustomerData(customer.customerId(), customer.customerName(), customer.parentCustomerId(),
					byCustomer.getOrDefault(customer.customerId(), List.of()), customer.subtotal()));
			total = total.add(customer.subtotal());
		}
		return new ReportData(statement.reportId(), statement.run().version(), statement.accountId(), statement.accountName(),
				statement.startDate(), statement.endDate(), statement.timeZoneId(), statement.firstDay().toString(),
				statement.lastDay().toString(), statement.currency(), statement.proration().id(),
				statement.generatedAt().toString(), data, total);
	}

}
