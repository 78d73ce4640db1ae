package org.billingreports.calls;

import java.time.Instant;

/**
 * A call leg as a switch pushed it, read from its document ({@code formats.md}, FreeSWITCH over HTTP) but not
 * yet mapped: its customer and direction are found by {@link PushedCalls} with the rules of the switch files.
 *
 * @param callId the leg's uuid
 * @param accountCode the customer it names (a customer id or reference id), or {@code null}
 * @param answer {@code null} when the leg was not answered
 * @param bLeg whether the leg was originated by another (the B leg of a bridged call): stored, never billed
 */
public record SwitchCall(String callId, String accountCode, String dialplanContext, String from, String to,
		String callerName, Instant start, Instant answer, Instant end, long durationSeconds, long billableSeconds,
		String hangupCause, boolean bLeg) {

	/** The status of a B leg: stored to be seen, not billable ({@code mod_cdr_csv}'s default {@code legs=a}). */
	public static final String B_LEG = "b-leg";

}
