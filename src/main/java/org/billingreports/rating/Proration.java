package org.billingreports.rating;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * How a report of part of a month charges the fixed parts of a price: every item's {@code baseCost}
 * and {@code allowance}. {@link #NONE} charges them in full whatever the period (Evo's behaviour);
 * {@link #DAILY} scales them by the period's share of its calendar months: the sum, over each month the
 * period touches, of its days in that month over the month's days. A whole month is 1, July 1–15 is
 * 15/31, January 20 to February 10 of 2026 is 12/31 + 10/28. The scaled base cost is rounded to the
 * cent and the scaled allowance to a whole unit, both half up, as amounts are rounded ({@code api.md}, Billing).
 */
public enum Proration {

	NONE, DAILY;

	/** The name in the API and the database: {@code none}, {@code daily}. */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** @return the proration named {@code id} (any case), or {@code null} for an unknown name */
	public static Proration parse(String id) {
		for (Proration proration : values()) {
			if (proration.id().equalsIgnoreCase(id)) {
				return proration;
			}
		}
		return null;
	}

	/** The prices for the days {@code first} to {@code last}, both included. */
	public BillingSettings apply(BillingSettings settings, LocalDate first, LocalDate last) {
		if (this == NONE || settings.items().isEmpty()) {
			return settings;
		}
		MonthShare share = MonthShare.of(first, last);
		Map<BillingItem, ItemSettings> scaled = new EnumMap<>(BillingItem.class);
		settings.items().forEach((item, price) -> scaled.put(item, share.scale(price)));
		return BillingSettings.of(scaled);
	}

	/**
	 * What this proration makes of the period, for a person: "charged in full" or, e.g., "15/31 of
	 * July 2026" and "12/31 of January 2026 + 10/28 of February 2026".
	 */
	public String describe(LocalDate first, LocalDate last) {
		if (this == NONE) {
			return "charged in full, whatever the period";
		}
		StringJoiner parts = new StringJoiner(" + ");
		for (YearMonth month = YearMonth.from(first); !month.isAfter(YearMonth.from(last)); month = month
			.plusMonths(1)) {
			parts.add(MonthShare.daysIn(month, first, last) + "/" + month.lengthOfMonth() + " of "
					+ month.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + month.getYear());
		}
		return "prorated by day: " + parts;
	}

	/** The share of its calendar months a period covers, as an exact fraction. */
	record MonthShare(BigInteger numerator, BigInteger denominator) {

		static MonthShare of(LocalDate first, LocalDate last) {
			if (last.isBefore(first)) {
				throw new IllegalArgumentException("the period ends (" + last + ") before it starts (" + first + ")");
			}
			BigInteger numerator = BigInteger.ZERO;
			BigInteger denominator = BigInteger.ONE;
			for (YearMonth month = YearMonth.from(first); !month.isAfter(YearMonth.from(last)); month = month
				.plusMonths(1)) {
				long days = daysIn(month, first, last);
				BigInteger monthDays = BigInteger.valueOf(month.lengthOfMonth());
				// a/b + c/d = (a·d + c·b) / (b·d), kept small by the greatest common divisor
				numerator = numerator.multiply(monthDays).add(BigInteger.valueOf(days).multiply(denominator));
				denominator = denominator.multiply(monthDays);
				BigInteger common = numerator.gcd(denominator);
				numerator = numerator.divide(common);
				denominator = denominator.divide(common);
			}
			return new MonthShare(numerator, denominator);
		}

		/** The days of {@code first} to {@code last} that lie in the month. */
		static long daysIn(YearMonth month, LocalDate first, LocalDate last) {
			LocalDate from = first.isAfter(month.atDay(1)) ? first : month.atDay(1);
			LocalDate to = last.isBefore(month.atEndOfMonth()) ? last : month.atEndOfMonth();
			return to.toEpochDay() - from.toEpochDay() + 1;
		}

		ItemSettings scale(ItemSettings price) {
			BigDecimal baseCost = new BigDecimal(this.numerator).multiply(price.baseCost())
				.divide(new BigDecimal(this.denominator), LineCalculator.AMOUNT_SCALE, LineCalculator.ROUNDING);
			long allowance = new BigDecimal(BigInteger.valueOf(price.allowance()).multiply(this.numerator))
				.divide(new BigDecimal(this.denominator), 0, RoundingMode.HALF_UP)
				.longValueExact();
			return new ItemSettings(baseCost, price.rawUnitMultiplier(), price.unitCost(), allowance);
		}

	}

}
