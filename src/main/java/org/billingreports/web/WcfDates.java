package org.billingreports.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ServiceStack's (WCF's) JSON date, {@code /Date(1782871200000)/}, as ISO-8601 text, the form the
 * rest of the service reads: milliseconds since 1970 in UTC ({@code …Z}); with an offset,
 * {@code /Date(1782871200000+0200)/}, the same instant at that offset; with {@code -0000} (a .NET
 * date of unspecified kind) the local date-time alone, which is then taken in the account's time zone
 * like any date-time without an offset. The escaped form {@code \/Date(…)\/} is read too.
 */
final class WcfDates {

	private static final Pattern WCF = Pattern.compile("\\\\?/Date\\((-?\\d{1,15})(?:([+-])(\\d{2})(\\d{2}))?\\)\\\\?/");

	private WcfDates() {
	}

	/** The ISO-8601 form of a WCF date, or the text as it was when it is none. */
	static String toIso(String text) {
		if (text == null || !text.contains("Date(")) {
			return text;
		}
		Matcher date = WCF.matcher(text.strip());
		if (!date.matches()) {
			return text;
		}
		Instant instant = Instant.ofEpochMilli(Long.parseLong(date.group(1)));
		if (date.group(2) == null) {
			return instant.toString();
		}
		int hours = Integer.parseInt(date.group(3));
		int minutes = Integer.parseInt(date.group(4));
		if (hours == 0 && minutes == 0 && date.group(2).equals("-")) {
			return LocalDateTime.ofInstant(instant, ZoneOffset.UTC).toString();
		}
		if (hours > 18 || minutes > 59) {
			return text;
		}
		int sign = date.group(2).equals("-") ? -1 : 1;
		ZoneOffset offset = ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
		return OffsetDateTime.ofInstant(instant, offset).toString();
	}

}
