package org.billingreports.ratedecks;

import java.util.List;

/**
 * The answer to an upload: the deck with its new version, or, when a line was rejected, nothing
 * stored and every rejected line's number and reason (the first {@value RateDeckFile#MAX_LISTED}).
 *
 * @param deck the deck, {@code null} when the file was refused
 * @param lines rate lines read
 * @param rates rate lines stored
 * @param rejected rate lines rejected
 */
public record DeckUpload(RateDeckInfo deck, long lines, long rates, long rejected, List<Rejection> rejections) {

	/** A rejected line: the file's line number (the header is line 1), why, and the line. */
	public record Rejection(long lineNumber, String reason, String line) {
	}

	boolean refused() {
		return this.rejected > 0;
	}

}
