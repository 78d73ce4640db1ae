package org.billingreports.rating;

import java.util.Locale;

/** Whether the customer received or placed the call. Stored and imported in lower case. */
public enum Direction {

	INBOUND, OUTBOUND;

	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** @return the direction, or {@code null} when the text names none */
	public static Direction parse(String text) {
		for (Direction direction : values()) {
			if (direction.code().equalsIgnoreCase(text.strip())) {
				return direction;
			}
		}
		return null;
	}

}
