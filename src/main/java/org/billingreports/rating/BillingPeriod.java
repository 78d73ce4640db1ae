package org.billingreports.rating;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * The half-open interval {@code [start, end)} of a report ({@code api.md}, Billing). Dates are whole days,
 * inclusive, in the account's time zone: {@code [startDate 00:00, endDate+1 00:00)}. Date-times are
 * taken as given (local ones in the account's zone). A call belongs to the period of its start time.
 */
public record BillingPeriod(Instant start, Instant end) {

	/** The first instant of the period that {@code startDate} opens. */
	public static Instant startOf(String startDate, ZoneId zone) {
		LocalDate date = dateOrNull(startDate);
		return (date != null) ? date.atStartOfDay(zone).toInstant() : Timestamps.parse(startDate, zone);
	}

	/** The first instant after the period that {@code endDate} closes. */
	public static Instant endOf(String endDate, ZoneId zone) {
		LocalDate date = dateOrNull(endDate);
		return (date != null) ? date.plusDays(1).atStartOfDay(zone).toInstant() : Timestamps.parse(endDate, zone);
	}

	/**
	 * Whether {@code endDate} lies before the start: a period ending at the very instant it starts is
	 * empty, which is allowed for date-times but means "the day before" for a date.
	 */
	public boolean endsBeforeItStarts(String endDate) {
		return this.end.isBefore(this.start) || (dateOrNull(endDate) != null && !this.end.isAfter(this.start));
	}

	/** @return whether the period spans more than {@code maxDays} days of the zone's calendar */
	public boolean exceedsDays(ZoneId zone, int maxDays) {
		return this.end.isAfter(this.start.atZone(zone).plusDays(maxDays).toInstant());
	}

	/** The first day of the period, in the zone's calendar. */
	public LocalDate firstDay(ZoneId zone) {
		return this.start.atZone(zone).toLocalDate();
	}

	/**
	 * The last day of the period, in the zone's calendar: the day of its last instant, so a period of
	 * dates ends on its {@code endDate}, and one of date-times on the day it last touches.
	 */
	public LocalDate lastDay(ZoneId zone) {
		LocalDate last = this.end.minusNanos(1).atZone(zone).toLocalDate();
		return last.isBefore(firstDay(zone)) ? firstDay(zone) : last;
	}

	/** A date ({@code yyyy-MM-dd}), or {@code null} for anything else (a date-time, perhaps). */
	private static LocalDate dateOrNull(String text) {
		LocalDate date;
		try {
			date = LocalDate.parse(text.strip());
		}
		catch (DateTimeParseException notADate) {
			return null;
		}
		Timestamps.requireYearInRange(date.getYear(), text);
		return date;
	}

}
