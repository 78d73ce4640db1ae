package org.billingreports.calls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;


import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Reads a CSV file (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes) one record at
 * a time, streaming, and restartable: its position, in records, is kept in the step execution
 * context. A record that cannot be read (an unclosed quote, an overlong line, broken quoting) is
 * thrown as a {@link RejectedLineException} with its line number, after the reader has moved past
 * it, so that a skip policy can drop it and go on. Blank lines are not records.
 */
public class CsvLineReader extends AbstractItemCountingItemStreamItemReader<CsvLine> {

	/** A quoted field may span this many lines at most; beyond, the quote is taken as unclosed. */
	static final int MAX_LINES_PER_RECORD = 20;

	static final int MAX_LINE_LENGTH = 64 * 1024;

	private static final char COMMA = ',';

	/** A spreadsheet in a locale with a decimal comma saves "CSV" with semicolons. */
	private static final char SEMICOLON = ';';

	private final Path file;

	private final boolean skipHeader;

	private final Deque<PendingLine> pushedBack = new ArrayDeque<>();

	private BoundedLineReader lines;

	private long lineNumber;

	private char delimiter = COMMA;

	/** Whether the line {@link #nextLine()} returned last was too long to keep. */
	private boolean overlong;

	public CsvLineReader(Path file, boolean skipHeader) {
		this.file = file;
		this.skipHeader = skipHeader;
		setName("callLineReader");
	}

	/**
	 * The first record's fields, as a header.
	 * @throws IllegalArgumentException when the file has no readable first record
	 */
	public static List<String> readHeader(Path file) throws IOException {
		CsvLineReader reader = new CsvLineReader(file, false);
		try {
			reader.doOpen();
			CsvLine header = reader.doRead();
			if (header == null) {
				throw new IllegalArgumentException("The file is empty; its first line must be the header");
			}
			return header.fields();
		}
		catch (RejectedLineException ex) {
			throw new IllegalArgumentException("The header line cannot be read: " + ex.getMessage());
		}
		finally {
			reader.doClose();
		}
	}

	/** Whether the file holds a record (a line after the header, if it has one), good or bad. */
	static boolean hasRecords(Path file, boolean hasHeader) throws IOException {
		CsvLineReader reader = new CsvLineReader(file, hasHeader);
		try {
			reader.doOpen();
			return reader.doRead() != null;
		}
		catch (RejectedLineException badLine) {
			return true;
		}
		finally {
			reader.doClose();
		}
	}

	@Override
	protected void doOpen() throws IOException {
		this.delimiter = semicolonSeparated(this.file) ? SEMICOLON : COMMA;
		this.lines = new BoundedLineReader(Files.newInputStream(this.file), MAX_LINE_LENGTH);
		this.lineNumber = 0;
		this.pushedBack.clear();
		if (this.skipHeader) {
			nextRecord();
		}
	}

	/** Whether the first line has more semicolons than commas outside quotes. */
	private static boolean semicolonSeparated(Path file) throws IOException {
		try (BoundedLineReader reader = new BoundedLineReader(Files.newInputStream(file), MAX_LINE_LENGTH)) {
			String line;
			do {
				line = reader.readLine();
			}
			while (line != null && line.isBlank());
			if (line == null) {
				return false;
			}
			int commas = 0;
			int semicolons = 0;
			boolean quoted = false;
			for (char c : line.toCharArray()) {
				if (c == '"') {
					quoted = !quoted;
				}
				else if (!quoted && c == ',') {
					commas++;
				}
				else if (!quoted && c == ';') {
					semicolons++;
				}
			}
			return semicolons > commas;
		}
	}

	@Override
	protected CsvLine doRead() throws IOException {
		RawRecord record = nextRecord();
		return (record != null) ? record.parse(this.delimiter) : null;
	}

	/** On restart: move past records already read, without parsing them. */
	@Override
	protected void jumpToItem(int itemIndex) throws IOException {
		for (int i = 0; i < itemIndex && nextRecord() != null; i++) {
			// skipped
		}
	}

	@Override
	protected void doClose() throws IOException {
		if (this.lines != null) {
			this.lines.close();
			this.lines = null;
		}
	}

	private RawRecord nextRecord() throws IOException {
		String first;
		do {
			first = nextLine();
			if (first == null) {
				return null;
			}
		}
		while (first.isBlank() && !this.overlong);
		long start = this.lineNumber;
		if (this.overlong) {
			return new RawRecord(start, "", "the line is longer than " + MAX_LINE_LENGTH + " characters");
		}
		StringBuilder text = new StringBuilder(first);
		List<PendingLine> continuation = new ArrayList<>();
		int quotes = quotes(first);
		while (quotes % 2 == 1) {
			String next = (continuation.size() < MAX_LINES_PER_RECORD) ? nextLine() : null;
			if (next != null) {
				continuation.add(new PendingLine(next, this.overlong));
			}
			if (next == null || this.overlong) {
				// Only the first line is rejected; the lines after it are read again as records.
				for (int i = continuation.size() - 1; i >= 0; i--) {
					this.pushedBack.push(continuation.get(i));
				}
				this.lineNumber = start;
				return new RawRecord(start, first, "a quoted field is not closed");
			}
			text.append('\n').append(next);
			quotes += quotes(next);
		}
		return new RawRecord(start, text.toString(), null);
	}

	private String nextLine() throws IOException {
		this.lineNumber++;
		if (!this.pushedBack.isEmpty()) {
			PendingLine line = this.pushedBack.pop();
			this.overlong = line.overlong();
			return line.text();
		}
		String line = this.lines.readLine();
		this.overlong = this.lines.wasOverlong();
		return line;
	}

	private static int quotes(String line) {
		int count = 0;
		for (int i = 0; i < line.length(); i++) {
			if (line.charAt(i) == '"') {
				count++;
			}
		}
		return count;
	}

	private record PendingLine(String text, boolean overlong) {
	}

	/** A record's text as read, before its fields are split; {@code problem} when it cannot be. */
	private record RawRecord(long lineNumber, String text, String problem) {

		CsvLine parse(char delimiter) {
			if (this.problem != null) {
				throw new RejectedLineException(this.problem, this.lineNumber, this.text);
			}
			// A file cut short by a crash is often padded with NULs; no database keeps them in text.
			if (this.text.indexOf('\0') >= 0) {
				throw new RejectedLineException("the line holds NUL characters: the file is damaged, or not text",
						this.lineNumber, this.text);
			}
			try {
				return new CsvLine(this.lineNumber, CsvFields.split(this.text, delimiter), this.text);
			}
			catch (IllegalArgumentException ex) {
				throw new RejectedLineException("the line's quoting is broken: " + ex.getMessage(), this.lineNumber,
						this.text);
			}
		}

	}

}
