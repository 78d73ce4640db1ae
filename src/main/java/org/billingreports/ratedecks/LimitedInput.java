package org.billingreports.ratedecks;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.springframework.http.HttpStatus;

import org.billingreports.kernel.ApiException;

/** An upload counted as it is read: a body without a declared length is refused (413) past the limit. */
final class LimitedInput extends FilterInputStream {

	private final long limit;

	private long read;

	LimitedInput(InputStream in, long limit) {
		super(in);
		this.limit = limit;
	}

	@Override
	public int read() throws IOException {
		int b = super.read();
		if (b >= 0) {
			count(1);
		}
		return b;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		int n = super.read(buffer, offset, length);
		if (n > 0) {
			count(n);
		}
		return n;
	}

	private void count(int n) {
		this.read += n;
		if (this.read > this.limit) {
			throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "RequestTooLarge",
					"The file is larger than the " + this.limit + " bytes an upload accepts");
		}
	}

}
