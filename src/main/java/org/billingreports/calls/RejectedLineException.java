package org.billingreports.calls;

/**
 * A line that cannot become a call record. The import skips it, records why, and goes on with the
 * rest of the file.
 */
public class RejectedLineException extends RuntimeException {

	private final long lineNumber;

	private final String line;

	/** A reason found while parsing fields, before the line is known. */
	public RejectedLineException(String reason) {
		this(reason, 0, null);
	}

	public RejectedLineException(String reason, long lineNumber, String line) {
		super(reason);
		this.lineNumber = lineNumber;
		this.line = line;
	}

	/** @return the line number, or 0 when the thrower did not know it */
	public long lineNumber() {
		return this.lineNumber;
	}

	public String line() {
		return this.line;
	}

}
