package org.billingreports.rating;

import java.util.StringJoiner;

/**
 * {@link CallRater}'s rules as SQL expressions over a {@code call_record} row, so that the database
 * rates a range of call records in one statement instead of sending them through the JVM. Built from
 * the same enums and constants as {@link CallRater}; {@code RatingSqlTest} runs both on every kind of
 * call record, on H2 and PostgreSQL, and requires the same result.
 */
public final class RatingSql {

	private static final String COMPLETED = "LOWER(status) = '" + CallRater.COMPLETED + "'";

	private RatingSql() {
	}

	/** The billing item's code (table {@code billing_item}) of the call's channel and direction. */
	public static String item() {
		StringJoiner cases = new StringJoiner(" ", "CASE ", " END");
		for (Channel channel : Channel.values()) {
			for (Direction direction : Direction.values()) {
				cases.add("WHEN channel = '" + channel.code() + "' AND direction = '" + direction.code() + "' THEN "
						+ BillingItem.forCall(channel, direction).code());
			}
		}
		return cases.toString();
	}

	/** Minutes started for a voice call, 1 for an SMS or fax, 0 when the call is not billable. */
	public static String units() {
		int minute = CallRater.SECONDS_PER_MINUTE;
		return "CASE WHEN NOT (" + COMPLETED + ") THEN 0 WHEN channel <> '" + Channel.VOICE.code() + "' THEN 1 "
				+ "WHEN billable_seconds <= 0 THEN 0 ELSE (billable_seconds + " + (minute - 1) + ") / " + minute + " END";
	}

	/** The carrier's cost when the call is billable, else 0. */
	public static String rawCost() {
		return "CASE WHEN " + COMPLETED + " THEN carrier_cost ELSE 0 END";
	}

	/**
	 * Whether the call record {@code row} (a table's name or alias) is its call's current revision: no
	 * newer revision replaced it. Reports rate only current revisions. Corrections are few: an anti-join
	 * against their small table, not an index on every call record.
	 */
	public static String current(String row) {
		return "NOT EXISTS (SELECT 1 FROM call_record_correction k WHERE k.superseded_id = " + row + ".id)";
	}

	/**
	 * The raw cost of a billing row charged at the fallback rate {@code :fallbackRate}: what
	 * {@link Tariff#perMinute(java.math.BigDecimal)} charges, which is the row's units times the rate.
	 * (Cast: H2 would take the parameter for a whole number, the type of {@code units}.)
	 */
	public static String fallbackCharge() {
		return "units * CAST(:fallbackRate AS NUMERIC(28, 10))";
	}

}
