package org.billingreports.ingestion;

import java.time.Instant;

import org.billingreports.calls.RejectedLineException;
import org.billingreports.calls.SwitchCall;

/**
 * What a FreeSWITCH leg says of its call ({@code formats.md}, FreeSWITCH over HTTP): its uuid, account code,
 * numbers and context (a channel variable, else the newest caller profile's field, as {@code mod_cdr_csv}'s
 * template expands them), its times in UTC from the {@code *_epoch} variables (else the call flow's
 * microsecond times), its duration and billed seconds (computed from the times when the variables are not
 * there), its hangup cause, and whether it is a B leg (it has an originator).
 */
final class FreeSwitchLeg {

	private FreeSwitchLeg() {
	}

	static SwitchCall read(LegDocument leg) {
		Instant start = time(leg, "start", "created_time");
		Instant answer = time(leg, "answer", "answered_time");
		Instant end = time(leg, "end", "hangup_time");
		long duration = seconds(leg, "duration", start, end);
		long billed = seconds(leg, "billsec", answer, end);
		return new SwitchCall(leg.variable("uuid"), leg.variable("accountcode"), either(leg, "context"),
				either(leg, "caller_id_number"), either(leg, "destination_number"), either(leg, "caller_id_name"), start,
				answer, end, duration, billed, leg.variable("hangup_cause"), leg.originated());
	}

	private static String either(LegDocument leg, String name) {
		String variable = leg.variable(name);
		return (variable != null) ? variable : leg.profile(name);
	}

	/** {@code <name>_epoch} (seconds), else {@code <name>_uepoch}, else the call flow's time; 0 is none. */
	private static Instant time(LegDocument leg, String name, String callflowTime) {
		String seconds = leg.variable(name + "_epoch");
		if (seconds != null) {
			long value = number(name + "_epoch", seconds);
			return (value > 0) ? Instant.ofEpochSecond(value) : null;
		}
		String micros = leg.variable(name + "_uepoch");
		String field = name + "_uepoch";
		if (micros == null) {
			micros = leg.time(callflowTime);
			field = "callflow times." + callflowTime;
		}
		if (micros == null) {
			return null;
		}
		long value = number(field, micros);
		return (value > 0) ? Instant.ofEpochSecond(value / 1_000_000, (value % 1_000_000) * 1_000) : null;
	}

	private static long seconds(LegDocument leg, String name, Instant from, Instant to) {
		String given = leg.variable(name);
		if (given != null) {
			return number(name, given);
		}
		return (from != null && to != null && to.isAfter(from)) ? to.getEpochSecond() - from.getEpochSecond() : 0;
	}

	private static long number(String name, String value) {
		try {
			long number = Long.parseLong(value.strip());
			if (number < 0) {
				throw new NumberFormatException();
			}
			return number;
		}
		catch (NumberFormatException ex) {
			throw new RejectedLineException(name + " is not a whole number of zero or more: '" + value + "'");
		}
	}

}
