package org.billingreports.kernel;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.springframework.http.HttpStatus;

/**
 * An upload counted as it is read, so that a body without a declared length (chunked, or a multipart
 * part) is refused (413) past the limit, like one that declared it.
 */
public final class LimitedInput extends FilterInputStream {

	private final long limit;

	/** What accepts it, for the message: "an import". */
	private final String what;

	private long read;

	public LimitedInput(InputStream in, long limit, String what) {
		super(in);
		this.limit = limit;
		this.what = what;
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
					"The file is larger than the " + this.limit + " bytes " + this.what + " accepts");
		}
	}

}
