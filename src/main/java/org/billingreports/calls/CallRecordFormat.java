package org.billingreports.calls;

import java.util.List;

/**
 * A call-record file layout. Each format is one small class: how its lines name their fields and
 * how a line becomes a {@link CallRecord}.
 */
public interface CallRecordFormat {

	/** The name clients pass as {@code format}, e.g. {@code native}. */
	String name();

	/** Whether the file's first line names the columns; switches write none. */
	default boolean hasHeader() {
		return false;
	}

	/**
	 * The parser for one file.
	 * @param header the first line's fields when {@link #hasHeader()}, otherwise empty
	 * @throws IllegalArgumentException with a reason a person can act on, when the header does not fit
	 */
	CallLineParser parser(List<String> header);

	/** Turns one line into a call record. */
	@FunctionalInterface
	interface CallLineParser {

		/**
		 * @return the call record; its customer is what the line names (an id or a reference id), or
		 * empty when the line names none
		 * @throws RejectedLineException with the reason when the line is not a valid call record
		 */
		CallRecord parse(CsvLine line, ImportContext context);

	}

}
