package org.billingreports.rating;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** Prices a customer's usage into billing lines ({@code api.md}, Billing). */
public final class LineCalculator {

	/** Amounts are rounded once, at the end, to cents. */
	public static final int AMOUNT_SCALE = 2;

	public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;

	private LineCalculator() {
	}

	/**
	 * The lines of one customer, in file order. A line is written when its quantity is above zero or
	 * its amount is not zero; the {@code Base} line only when its base cost is not zero.
	 */
	public static List<BillingLine> lines(CustomerUsage usage, BillingSettings settings) {
		List<BillingLine> lines = new ArrayList<>();
		for (BillingItem item : BillingItem.values()) {
			BillingLine line = line(item, usage, settings.get(item));
			if (line != null) {
				lines.add(line);
			}
		}
		return lines;
	}

	private static BillingLine line(BillingItem item, CustomerUsage usage, ItemSettings settings) {
		return switch (item) {
			case BASE -> baseLine(settings);
			case LOCAL_NUMBERS -> pricedLine(item, settings, usage.localNumbers(), BigDecimal.ZERO);
			case TOLL_FREE_NUMBERS -> pricedLine(item, settings, usage.tollFreeNumbers(), BigDecimal.ZERO);
			default -> {
				ItemUsage calls = usage.calls(item);
				yield pricedLine(item, settings, calls.quantity(), calls.rawCost());
			}
		};
	}

	private static BillingLine baseLine(ItemSettings settings) {
		BigDecimal amount = round(settings.baseCost());
		if (amount.signum() == 0) {
			return null;
		}
		long quantity = 1;
		return new BillingLine(BillingItem.BASE, quantity, settings.allowance(),
				billable(quantity, settings.allowance()), settings.unitCost(), settings.baseCost(), BigDecimal.ZERO,
				BigDecimal.ZERO, amount);
	}

	/** amount = baseCost + billable × unitCost + rawUnitMultiplier × Σ rawCost, exact, then rounded once. */
	static BillingLine pricedLine(BillingItem item, ItemSettings settings, long quantity, BigDecimal rawCost) {
		long billable = billable(quantity, settings.allowance());
		BigDecimal exact = settings.baseCost()
			.add(BigDecimal.valueOf(billable).multiply(settings.unitCost()))
			.add(settings.rawUnitMultiplier().multiply(rawCost));
		BigDecimal amount = round(exact);
		if (quantity <= 0 && amount.signum() == 0) {
			return null;
		}
		return new BillingLine(item, quantity, settings.allowance(), billable, settings.unitCost(),
				settings.baseCost(), rawCost, settings.rawUnitMultiplier(), amount);
	}

	private static long billable(long quantity, long allowance) {
		return Math.max(0, quantity - allowance);
	}

	private static BigDecimal round(BigDecimal exact) {
		return exact.setScale(AMOUNT_SCALE, ROUNDING);
	}

}
