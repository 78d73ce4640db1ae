package org.billingreports.rating;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class LineCalculatorTest {

	private static ItemSettings item(String baseCost, String multiplier, String unitCost, long allowance) {
		return new ItemSettings(new BigDecimal(baseCost), new BigDecimal(multiplier), new BigDecimal(unitCost),
				allowance);
	}

	private static CustomerUsage calls(BillingItem item, long quantity, String rawCost) {
		return new CustomerUsage(Map.of(item, new ItemUsage(quantity, new BigDecimal(rawCost))), 0, 0);
	}

	@Test
	void amountIsBaseCostPlusBillableUnitsPlusMarkedUpRawCost() {
		// 10 + (120 - 100) × 0.015 + 1.5 × 2.40 = 10 + 0.30 + 3.60 = 13.90
		BillingSettings settings = BillingSettings.of(Map.of(BillingItem.OUTBOUND_VOICE_CALLS,
				item("10", "1.5", "0.015", 100)));
		List<BillingLine> lines = LineCalculator.lines(calls(BillingItem.OUTBOUND_VOICE_CALLS, 120, "2.40"), settings);
		assertThat(lines).containsExactly(new BillingLine(BillingItem.OUTBOUND_VOICE_CALLS, 120, 100, 20,
				new BigDecimal("0.015"), new BigDecimal("10"), new BigDecimal("2.40"), new BigDecimal("1.5"),
				new BigDecimal("13.90")));
	}

	@Test
	void allowanceAboveUsageLeavesNothingBillable() {
		BillingSettings settings = BillingSettings.of(Map.of(BillingItem.INBOUND_SMS_MESSAGES,
				item("0", "0", "0.005", 50)));
		BillingLine line = LineCalculator.lines(calls(BillingItem.INBOUND_SMS_MESSAGES, 30, "0"), settings).get(0);
		assertThat(line.billable()).isZero();
		assertThat(line.amount()).isEqualByComparingTo("0.00");
		assertThat(line.amount().scale()).isEqualTo(2);
	}

	@Test
	void amountIsRoundedOnceHalfUp() {
		// 5 × 0.005 = 0.025: HALF_UP gives 0.03 where HALF_EVEN would give 0.02.
		BillingSettings settings = BillingSettings.of(Map.of(BillingItem.OUTBOUND_SMS_MESSAGES,
				item("0", "0", "0.005", 0)));
		assertThat(LineCalculator.lines(calls(BillingItem.OUTBOUND_SMS_MESSAGES, 5, "0"), settings).get(0).amount())
			.isEqualTo(new BigDecimal("0.03"));
		// Rounded once: 0.0044 + 1 × 0.0006 = 0.0050 is 0.01; rounding each part first would give 0.00.
		BillingSettings twoParts = BillingSettings.of(Map.of(BillingItem.OUTBOUND_SMS_MESSAGES,
				item("0.0044", "1", "0", 0)));
		assertThat(LineCalculator.lines(calls(BillingItem.OUTBOUND_SMS_MESSAGES, 1, "0.0006"), twoParts).get(0)
			.amount()).isEqualTo(new BigDecimal("0.01"));
	}

	@Test
	void noLineWithoutQuantityOrAmount() {
		assertThat(LineCalculator.lines(CustomerUsage.NONE, BillingSettings.NONE)).isEmpty();
		BillingSettings freeMinutes = BillingSettings.of(Map.of(BillingItem.INBOUND_VOICE_CALLS,
				item("0", "0", "0.01", 0)));
		assertThat(LineCalculator.lines(CustomerUsage.NONE, freeMinutes)).isEmpty();
	}

	@Test
	void aBaseCostMakesALineWithoutUsage() {
		BillingSettings settings = BillingSettings.of(Map.of(BillingItem.OUTBOUND_FAXES, item("1", "0", "0.10", 0)));
		assertThat(LineCalculator.lines(CustomerUsage.NONE, settings)).containsExactly(new BillingLine(
				BillingItem.OUTBOUND_FAXES, 0, 0, 0, new BigDecimal("0.10"), BigDecimal.ONE, BigDecimal.ZERO,
				BigDecimal.ZERO, new BigDecimal("1.00")));
	}

	@Test
	void baseLineIsQuantityOneAndOnlyTheBaseCost() {
		BillingSettings settings = BillingSettings.of(Map.of(BillingItem.BASE, item("25", "3", "7", 0)));
		assertThat(LineCalculator.lines(CustomerUsage.NONE, settings)).containsExactly(new BillingLine(
				BillingItem.BASE, 1, 0, 1, new BigDecimal("7"), new BigDecimal("25"), BigDecimal.ZERO,
				BigDecimal.ZERO, new BigDecimal("25.00")));
		BillingSettings noBase = BillingSettings.of(Map.of(BillingItem.BASE, item("0", "0", "7", 0)));
		assertThat(LineCalculator.lines(CustomerUsage.NONE, noBase)).isEmpty();
	}

	@Test
	void numberItemsCountAssignedNumbers() {
		BillingSettings settings = BillingSettings.of(Map.of(BillingItem.LOCAL_NUMBERS, item("0", "0", "1.25", 1),
				BillingItem.TOLL_FREE_NUMBERS, item("0", "0", "2.50", 0)));
		List<BillingLine> lines = LineCalculator.lines(new CustomerUsage(Map.of(), 3, 1), settings);
		assertThat(lines).extracting(BillingLine::item, BillingLine::quantity, BillingLine::billable,
				BillingLine::amount)
			.containsExactly(
					tuple(BillingItem.LOCAL_NUMBERS, 3L, 2L, new BigDecimal("2.50")),
					tuple(BillingItem.TOLL_FREE_NUMBERS, 1L, 1L,
							new BigDecimal("2.50")));
	}

	@Test
	void linesFollowTheOrderOfTheNineItems() {
		ItemSettings one = item("1", "0", "0", 0);
		Map<BillingItem, ItemSettings> all = new EnumMap<>(BillingItem.class);
		for (BillingItem item : BillingItem.values()) {
			all.put(item, one);
		}
		assertThat(LineCalculator.lines(CustomerUsage.NONE, BillingSettings.of(all))).extracting(BillingLine::item)
			.containsExactly(BillingItem.values());
	}

}
