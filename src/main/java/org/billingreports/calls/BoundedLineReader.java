package org.billingreports.calls;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * Reads lines of UTF-8 text (LF, CRLF or CR endings; a leading byte-order mark dropped; invalid bytes
 * replaced by U+FFFD) without ever holding more than {@code maxLineLength} characters of one line: an
 * overlong line is read past and returned empty, with {@link #wasOverlong()} set.
 */
final class BoundedLineReader implements Closeable {

	private static final char BYTE_ORDER_MARK = '\uFEFF';

	private final Reader reader;

	private final int maxLineLength;

	private final char[] buffer = new char[64 * 1024];

	private int position;

	private int limit;

	private boolean first = true;

	private boolean overlong;

	BoundedLineReader(InputStream input, int maxLineLength) {
		// InputStreamReader replaces malformed input: a bad byte in a caller name never fails a line.
		this.reader = new InputStreamReader(input, StandardCharsets.UTF_8);
		this.maxLineLength = maxLineLength;
	}

	/** @return the next line without its ending, or {@code null} at the end of the input */
	String readLine() throws IOException {
		StringBuilder line = null;
		this.overlong = false;
		while (true) {
			if (this.position == this.limit && !fill()) {
				return (line != null) ? line.toString() : null;
			}
			if (line == null) {
				line = new StringBuilder();
			}
			int start = this.position;
			while (this.position < this.limit) {
				char c = this.buffer[this.position];
				if (c == '\n' || c == '\r') {
					keep(line, start, this.position);
					this.position++;
					if (c == '\r') {
						skipLineFeed();
					}
					return line.toString();
				}
				this.position++;
			}
			keep(line, start, this.position);
		}
	}

	/** Whether the line {@link #readLine()} returned last was longer than the limit (and so dropped). */
	boolean wasOverlong() {
		return this.overlong;
	}

	private void keep(StringBuilder line, int start, int end) {
		if (this.overlong) {
			return;
		}
		line.append(this.buffer, start, end - start);
		if (line.length() > this.maxLineLength) {
			line.setLength(0);
			this.overlong = true;
		}
	}

	private void skipLineFeed() throws IOException {
		if ((this.position < this.limit || fill()) && this.buffer[this.position] == '\n') {
			this.position++;
		}
	}

	private boolean fill() throws IOException {
		int read = this.reader.read(this.buffer, 0, this.buffer.length);
		if (read <= 0) {
			return false;
		}
		this.position = 0;
		this.limit = read;
		if (this.first) {
			this.first = false;
			if (this.buffer[0] == BYTE_ORDER_MARK) {
				this.position = 1;
			}
		}
		return true;
	}

	@Override
	public void close() throws IOException {
		this.reader.close();
	}

}
