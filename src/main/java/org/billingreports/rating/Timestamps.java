package org.billingreports.rating;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * Reads ISO-8601 date-times as instants: with an offset ({@code 2026-07-01T10:00:00+02:00},
 * {@code …Z}) they are exact; without one they are local times of the given zone. A space may
 * stand for the {@code T}, as switches write it. Parsed strictly: February 30th is an error, not
 * March 2nd; and only years from {@value #MIN_YEAR} to {@value #MAX_YEAR}, which no real call or
 * billing period leaves.
 */
public final class Timestamps {

	public static final int MIN_YEAR = 1970;

	public static final int MAX_YEAR = 2199;

	private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder().parseCaseInsensitive()
		.append(DateTimeFormatter.ISO_LOCAL_DATE)
		.optionalStart()
		.appendLiteral('T')
		.optionalEnd()
		.optionalStart()
		.appendLiteral(' ')
		.optionalEnd()
		.append(DateTimeFormatter.ISO_LOCAL_TIME)
		.optionalStart()
		.appendOffsetId()
		.optionalEnd()
		.toFormatter()
		.withResolverStyle(ResolverStyle.STRICT);

	private Timestamps() {
	}

	/** @throws DateTimeParseException when the text is no date-time, or one outside the years allowed */
	public static Instant parse(String text, ZoneId zone) {
		TemporalAccessor parsed = DATE_TIME.parse(text.strip());
		LocalDateTime local = LocalDateTime.from(parsed);
		requireYearInRange(local.getYear(), text);
		if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
			return OffsetDateTime.from(parsed).toInstant();
		}
		return local.atZone(zone).toInstant();
	}

	/** @throws YearOutOfRange for a year outside {@value #MIN_YEAR} to {@value #MAX_YEAR} */
	public static void requireYearInRange(int year, String text) {
		if (year < MIN_YEAR || year > MAX_YEAR) {
			throw new YearOutOfRange(year, text);
		}
	}

	/** A well-formed date in a year the service does not take. */
	public static final class YearOutOfRange extends DateTimeParseException {

		YearOutOfRange(int year, String text) {
			super("the year " + year + " is not between " + MIN_YEAR + " and " + MAX_YEAR, text, 0);
		}

	}

}
