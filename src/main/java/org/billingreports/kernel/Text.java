package org.billingreports.kernel;

/** What requests send as text. */
public final class Text {

	private Text() {
	}

	/** The text stripped, or {@code null} when it is missing or blank: a blank field is an absent one. */
	public static String strippedOrNull(String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

	/** The text cut to fit a column of {@code max} characters, an ellipsis saying so; {@code null} stays. */
	public static String fitted(String text, int max) {
		return (text == null || text.length() <= max) ? text : text.substring(0, max - 1) + "…";
	}

}
