package org.billingreports.rating;

import java.util.Locale;

/** What a call record is: a voice call, an SMS or a fax. Stored and imported in lower case. */
public enum Channel {

	VOICE, SMS, FAX;

	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** @return the channel, or {@code null} when the text names none */
	public static Channel parse(String text) {
		for (Channel channel : values()) {
			if (channel.code().equalsIgnoreCase(text.strip())) {
				return channel;
			}
		}
		return null;
	}

}
