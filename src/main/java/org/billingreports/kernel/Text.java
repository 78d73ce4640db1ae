package org.billingreports.kernel;

/** What requests send as text. */
public final class Text {

	private Text() {
	}

	/** The text stripped, or {@code null} when it is missing or blank: a blank field is an absent one. */
	public static String strippedOrNull(String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

}
