package org.billingreports.ingestion;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * A leg's document out of the body FreeSWITCH posted, in each of its modules' encodings ({@code encode} in
 * {@code json_cdr.conf.xml} and {@code xml_cdr.conf.xml}): the document itself ({@code false}; for XML also
 * {@code textxml}); {@code cdr=} and the document URL-encoded ({@code true}); {@code cdr=} and the document in
 * Base64 ({@code base64}, sent as {@code application/x-www-form-base64-encoded}); and for XML {@code cdr=}
 * and the document as it is ({@code application/x-www-form-plaintext}).
 *
 * @param document the leg's JSON or XML text
 * @param urlDecoded whether the document was URL-decoded here: its values were decoded with it
 */
record PostedBody(String document, boolean urlDecoded) {

	private static final String FIELD = "cdr=";

	static PostedBody of(byte[] body, String contentType) {
		String text = new String(body, StandardCharsets.UTF_8).strip();
		if (!text.startsWith(FIELD)) {
			return new PostedBody(text, false);
		}
		String value = text.substring(FIELD.length());
		String type = (contentType != null) ? contentType.toLowerCase(Locale.ROOT) : "";
		if (type.contains("base64")) {
			try {
				return new PostedBody(new String(Base64.getMimeDecoder().decode(value), StandardCharsets.UTF_8).strip(),
						false);
			}
			catch (IllegalArgumentException ex) {
				throw new UnreadableLegException("the body says cdr= in Base64 (" + contentType + ") but is not Base64: "
						+ ex.getMessage());
			}
		}
		if (type.contains("plaintext") || value.startsWith("<") || value.startsWith("{")) {
			return new PostedBody(value, false);
		}
		return new PostedBody(percentDecoded(value).strip(), true);
	}

	/**
	 * Decodes {@code %XX} as FreeSWITCH encodes (UTF-8 bytes, upper or lower case hex); a {@code %} that does
	 * not start one stays as it is (its encoder leaves such a {@code %} alone), and so does {@code +}: it never
	 * writes one for a space.
	 */
	static String percentDecoded(String text) {
		if (text.indexOf('%') < 0) {
			return text;
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
		byte[] raw = text.getBytes(StandardCharsets.UTF_8);
		for (int i = 0; i < raw.length; i++) {
			int high = (raw[i] == '%' && i + 2 < raw.length) ? Character.digit(raw[i + 1], 16) : -1;
			int low = (high >= 0) ? Character.digit(raw[i + 2], 16) : -1;
			if (low >= 0) {
				bytes.write(high * 16 + low);
				i += 2;
			}
			else {
				bytes.write(raw[i]);
			}
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

}
