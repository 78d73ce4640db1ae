package org.billingreports.rating;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * Reads ISO-8601 date-times as instants: with an offset ({@code 2026-07-01T10:00:00+02:00},
 * {@code …Z}) they are exact; without one they are local times of the given zone. A space may
 * stand for the {@code T}, as switches write it.
 */
public final class Timestamps {

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
		.toFormatter();

	private Timestamps() {
	}

	/** @throws DateTimeParseException when the text is no date-time */
	public static Instant parse(String text, ZoneId zone) {
		TemporalAccessor parsed = DATE_TIME.parse(text.strip());
		LocalDateTime local = LocalDateTime.from(parsed);
		if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
			return OffsetDateTime.from(parsed).toInstant();
		}
		return local.atZone(zone).toInstant();
	}

}
