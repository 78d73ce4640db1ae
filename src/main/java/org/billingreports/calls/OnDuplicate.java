package org.billingreports.calls;

import java.util.Locale;

/**
 * What an import does with a line whose identity ({@code callId} within the account) is stored already
 * with other values.
 */
public enum OnDuplicate {

	/** Keep what is stored: the line is a duplicate (the default, and always so for identical values). */
	skip,
	/**
	 * Store the line as the record's next revision: reports from then on rate the new revision, and the
	 * report versions that billed the old one keep it. Identities made from a line's content cannot be
	 * corrected: a changed line is another call.
	 */
	replace;

	/** @return the choice, {@link #skip} when none is given, or {@code null} when the text names none */
	static OnDuplicate parse(String text) {
		if (text == null || text.isBlank()) {
			return skip;
		}
		for (OnDuplicate choice : values()) {
			if (choice.name().equals(text.strip().toLowerCase(Locale.ROOT))) {
				return choice;
			}
		}
		return null;
	}

}
