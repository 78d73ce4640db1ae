package org.billingreports.rating;

import java.math.BigDecimal;

/** Turns one call record into its billing row ({@code api.md}, Billing). */
public final class CallRater {

	/** The only status that is billable: an answered call, a delivered SMS or fax. */
	public static final String COMPLETED = "completed";

	static final int SECONDS_PER_MINUTE = 60;

	private CallRater() {
	}

	public static boolean isCompleted(String status) {
		return COMPLETED.equalsIgnoreCase(status);
	}

	/**
	 * @param billableSeconds the switch's billable seconds (voice); ignored for SMS and fax
	 * @param carrierCost what the carrier charged; never null
	 */
	public static RatedCall rate(Channel channel, Direction direction, String status, long billableSeconds,
			BigDecimal carrierCost) {
		BillingItem item = BillingItem.forCall(channel, direction);
		if (!isCompleted(status)) {
			return new RatedCall(item, 0, BigDecimal.ZERO);
		}
		return new RatedCall(item, units(channel, billableSeconds), carrierCost);
	}

	private static long units(Channel channel, long billableSeconds) {
		if (channel != Channel.VOICE) {
			return 1;
		}
		// Every started minute is billed: ceil(seconds / 60).
		return billableSeconds <= 0 ? 0 : (billableSeconds + SECONDS_PER_MINUTE - 1) / SECONDS_PER_MINUTE;
	}

}
