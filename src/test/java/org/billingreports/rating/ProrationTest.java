package org.billingreports.rating;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Daily proration worked by hand: every item's base cost and allowance scaled by the period's share of
 * its calendar months, the base cost rounded to the cent and the allowance to a unit, half up.
 */
class ProrationTest {

	/** A monthly fee of 31.00 with 100 minutes included at 0.02 a minute beyond, and a 9.99 base. */
	private static final BillingSettings MONTHLY = BillingSettings.of(Map.of(BillingItem.BASE,
			new ItemSettings(new BigDecimal("9.99"), BigDecimal.ZERO, BigDecimal.ZERO, 0),
			BillingItem.OUTBOUND_VOICE_CALLS,
			new ItemSettings(new BigDecimal("31.00"), new BigDecimal("1.25"), new BigDecimal("0.02"), 100)));

	private static List<BillingLine> lines(Proration proration, String first, String last, long minutes,
			String rawCost) {
		BillingSettings prices = proration.apply(MONTHLY, LocalDate.parse(first), LocalDate.parse(last));
		return LineCalculator.lines(new CustomerUsage(
				Map.of(BillingItem.OUTBOUND_VOICE_CALLS, new ItemUsage(minutes, new BigDecimal(rawCost))), 0, 0),
				prices);
	}

	@Test
	void oneDayOfJuly() {
		// 1/31 of the month: base 9.99 / 31 = 0.3222… → 0.32; voice base 31.00 / 31 = 1.00; allowance
		// 100 / 31 = 3.2258… → 3 minutes; 10 minutes used → 7 billable × 0.02 = 0.14; raw 0.40 × 1.25 = 0.50.
		List<BillingLine> lines = lines(Proration.DAILY, "2026-07-05", "2026-07-05", 10, "0.40");
		assertThat(lines.get(0).item()).isEqualTo(BillingItem.BASE);
		assertThat(lines.get(0).baseCost()).isEqualByComparingTo("0.32");
		assertThat(lines.get(0).amount()).isEqualTo(new BigDecimal("0.32"));
		BillingLine voice = lines.get(1);
		assertThat(voice.baseCost()).isEqualByComparingTo("1.00");
		assertThat(voice.allowance()).isEqualTo(3);
		assertThat(voice.billable()).isEqualTo(7);
		// 1.00 + 0.14 + 0.50
		assertThat(voice.amount()).isEqualTo(new BigDecimal("1.64"));
	}

	@Test
	void fifteenDaysOfJuly() {
		// 15/31: base 9.99 × 15 / 31 = 4.8338… → 4.83; voice base 31 × 15 / 31 = 15.00; allowance
		// 100 × 15 / 31 = 48.387… → 48; 60 minutes → 12 × 0.02 = 0.24; raw 2.00 × 1.25 = 2.50.
		List<BillingLine> lines = lines(Proration.DAILY, "2026-07-01", "2026-07-15", 60, "2.00");
		assertThat(lines.get(0).amount()).isEqualTo(new BigDecimal("4.83"));
		BillingLine voice = lines.get(1);
		assertThat(voice.baseCost()).isEqualByComparingTo("15.00");
		assertThat(voice.allowance()).isEqualTo(48);
		assertThat(voice.billable()).isEqualTo(12);
		assertThat(voice.amount()).isEqualTo(new BigDecimal("17.74"));
	}

	@Test
	void aPeriodAcrossTwoMonthsAddsEachMonthsShare() {
		// January 20 to February 10, 2026: 12/31 + 10/28 = (12 × 28 + 10 × 31) / 868 = 646/868 = 0.744239…
		// base 9.99 × 646 / 868 = 7.4349… → 7.43; voice base 31 × 646 / 868 = 23.0714… → 23.07;
		// allowance 100 × 646 / 868 = 74.42… → 74; 80 minutes → 6 × 0.02 = 0.12; no raw cost.
		List<BillingLine> lines = lines(Proration.DAILY, "2026-01-20", "2026-02-10", 80, "0");
		assertThat(lines.get(0).amount()).isEqualTo(new BigDecimal("7.43"));
		BillingLine voice = lines.get(1);
		assertThat(voice.baseCost()).isEqualByComparingTo("23.07");
		assertThat(voice.allowance()).isEqualTo(74);
		assertThat(voice.amount()).isEqualTo(new BigDecimal("23.19"));
		assertThat(Proration.DAILY.describe(LocalDate.parse("2026-01-20"), LocalDate.parse("2026-02-10")))
			.isEqualTo("prorated by day: 12/31 of January 2026 + 10/28 of February 2026");
	}

	@Test
	void aWholeMonthIsChargedInFullEitherWay() {
		List<BillingLine> daily = lines(Proration.DAILY, "2026-02-01", "2026-02-28", 150, "1");
		List<BillingLine> none = lines(Proration.NONE, "2026-02-01", "2026-02-28", 150, "1");
		assertThat(daily).extracting(BillingLine::amount).isEqualTo(none.stream().map(BillingLine::amount).toList());
		// 31.00 + 50 × 0.02 + 1.25 = 33.25
		assertThat(daily.get(1).amount()).isEqualTo(new BigDecimal("33.25"));
	}

	@Test
	void noneLeavesEveryPriceAsItIs() {
		assertThat(Proration.NONE.apply(MONTHLY, LocalDate.parse("2026-07-05"), LocalDate.parse("2026-07-05")))
			.isSameAs(MONTHLY);
		assertThat(lines(Proration.NONE, "2026-07-05", "2026-07-05", 10, "0").get(0).amount())
			.isEqualTo(new BigDecimal("9.99"));
	}

	@Test
	void aPeriodThatEndsBeforeItStartsIsAMistake() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> Proration.DAILY.apply(MONTHLY, LocalDate.parse("2026-07-05"), LocalDate.parse("2026-07-04")));
	}

}
