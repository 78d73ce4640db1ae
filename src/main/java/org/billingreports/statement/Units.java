package org.billingreports.statement;

import org.billingreports.rating.BillingItem;

/** What an item's quantity counts, for a person reading it ({@code api.md}, Billing, says how each is counted). */
final class Units {

	private Units() {
	}

	static String of(BillingItem item) {
		return switch (item) {
			case BASE -> "fee";
			case LOCAL_NUMBERS, TOLL_FREE_NUMBERS -> "numbers";
			case INBOUND_VOICE_CALLS, OUTBOUND_VOICE_CALLS -> "minutes";
			case INBOUND_SMS_MESSAGES, OUTBOUND_SMS_MESSAGES -> "messages";
			// One unit per fax, whatever its pages: call records carry no page count.
			case INBOUND_FAXES, OUTBOUND_FAXES -> "faxes";
		};
	}

}
