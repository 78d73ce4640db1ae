package org.billingreports.rating;

/**
 * The nine billing items of Evo's {@code BillingSettings}, in the order the billing file lists them.
 * {@link #code()} is the value stored in the database (table {@code billing_item}).
 */
public enum BillingItem {

	BASE("Base", "base"),
	LOCAL_NUMBERS("LocalNumbers", "localNumbers"),
	TOLL_FREE_NUMBERS("TollFreeNumbers", "tollFreeNumbers"),
	INBOUND_VOICE_CALLS("InboundVoiceCalls", "inboundVoiceCalls"),
	OUTBOUND_VOICE_CALLS("OutboundVoiceCalls", "outboundVoiceCalls"),
	INBOUND_FAXES("InboundFaxes", "inboundFaxes"),
	OUTBOUND_FAXES("OutboundFaxes", "outboundFaxes"),
	INBOUND_SMS_MESSAGES("InboundSmsMessages", "inboundSmsMessages"),
	OUTBOUND_SMS_MESSAGES("OutboundSmsMessages", "outboundSmsMessages");

	private static final BillingItem[] BY_CODE = values();

	private final String displayName;

	private final String settingsField;

	BillingItem(String displayName, String settingsField) {
		this.displayName = displayName;
		this.settingsField = settingsField;
	}

	/** The name in the billing file's {@code Item} column, e.g. {@code InboundVoiceCalls}. */
	public String displayName() {
		return this.displayName;
	}

	/** The property name inside a JSON {@code billingSettings} object, e.g. {@code inboundVoiceCalls}. */
	public String settingsField() {
		return this.settingsField;
	}

	public short code() {
		return (short) ordinal();
	}

	public static BillingItem ofCode(int code) {
		return BY_CODE[code];
	}

	/** The item a call record bills to. */
	public static BillingItem forCall(Channel channel, Direction direction) {
		boolean inbound = direction == Direction.INBOUND;
		return switch (channel) {
			case VOICE -> inbound ? INBOUND_VOICE_CALLS : OUTBOUND_VOICE_CALLS;
			case SMS -> inbound ? INBOUND_SMS_MESSAGES : OUTBOUND_SMS_MESSAGES;
			case FAX -> inbound ? INBOUND_FAXES : OUTBOUND_FAXES;
		};
	}

}
