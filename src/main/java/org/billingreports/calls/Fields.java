package org.billingreports.calls;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.format.DateTimeParseException;

import org.billingreports.rating.Timestamps;

/** Reads typed values out of CSV fields; every failure names the field and what was wrong. */
final class Fields {

	/** The scale of {@code carrier_cost}: more decimals would be silently rounded by the database. */
	private static final int MAX_DECIMALS = 10;

	private static final DateTimeFormatter DAY_FIRST = DateTimeFormatter.ofPattern("d.M.uuuu H:mm[:ss]")
		.withResolverStyle(ResolverStyle.STRICT);

	private Fields() {
	}

	static String required(String name, String value, int maxLength) {
		if (value == null || value.isBlank()) {
			throw new RejectedLineException(name + " is empty");
		}
		return optional(name, value, maxLength);
	}

	/** @return the stripped value, or {@code null} when empty */
	static String optional(String name, String value, int maxLength) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String stripped = value.strip();
		if (stripped.length() > maxLength) {
			throw new RejectedLineException(name + " is longer than " + maxLength + " characters");
		}
		return stripped;
	}

	/** A whole number of 0 or more; empty is 0. */
	static long count(String name, String value) {
		if (value == null || value.isBlank()) {
			return 0;
		}
		try {
			long number = Long.parseLong(value.strip());
			if (number < 0) {
				throw new RejectedLineException(name + " is negative: " + value.strip());
			}
			return number;
		}
		catch (NumberFormatException ex) {
			throw new RejectedLineException(name + " is not a whole number: '" + value.strip() + "'");
		}
	}

	/** A decimal of 0 or more; empty is 0. */
	static BigDecimal money(String name, String value) {
		if (value == null || value.isBlank()) {
			return BigDecimal.ZERO;
		}
		BigDecimal number;
		try {
			number = new BigDecimal(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new RejectedLineException(name + " is not a decimal number: '" + value.strip() + "'");
		}
		if (number.signum() < 0) {
			throw new RejectedLineException(name + " is negative: " + value.strip());
		}
		if (number.stripTrailingZeros().scale() > MAX_DECIMALS) {
			throw new RejectedLineException(name + " has more than " + MAX_DECIMALS + " decimals: " + value.strip());
		}
		if (number.precision() - number.scale() > 18) {
			throw new RejectedLineException(name + " is too large: " + value.strip());
		}
		return number;
	}

	static Instant requiredTime(String name, String value, ZoneId zone) {
		if (value == null || value.isBlank()) {
			throw new RejectedLineException(name + " is empty");
		}
		return optionalTime(name, value, zone);
	}

	/**
	 * An ISO-8601 date-time; without an offset, a local time of {@code zone}. Empty is {@code null}. A
	 * spreadsheet that saved the file may have written {@code 27.01.2024 15:07} (day first, as in German
	 * or Russian); a date with slashes could be either day or month first and is refused.
	 */
	static Instant optionalTime(String name, String value, ZoneId zone) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.strip();
		try {
			return Timestamps.parse(text, zone);
		}
		catch (Timestamps.YearOutOfRange ex) {
			throw new RejectedLineException(name + " '" + text + "': " + ex.getMessage());
		}
		catch (DateTimeParseException notIso) {
			try {
				LocalDateTime dayFirst = LocalDateTime.parse(text, DAY_FIRST);
				Timestamps.requireYearInRange(dayFirst.getYear(), text);
				return dayFirst.atZone(zone).toInstant();
			}
			catch (Timestamps.YearOutOfRange ex) {
				throw new RejectedLineException(name + " '" + text + "': " + ex.getMessage());
			}
			catch (DateTimeParseException notDayFirst) {
				if (text.contains("/")) {
					throw new RejectedLineException(name + " '" + text + "' is ambiguous (day or month first?): write "
							+ "dates as yyyy-MM-dd HH:mm:ss");
				}
				throw new RejectedLineException(name + " is not an ISO-8601 date-time: '" + text + "'");
			}
		}
	}

}
