package org.billingreports.kernel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 in hex, of bytes or of text (its UTF-8 bytes); every JVM has the algorithm. */
public final class Sha256 {

	private Sha256() {
	}

	/** A digest to feed piece by piece. */
	public static MessageDigest digest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(digest().digest(bytes));
	}

	public static String hex(String text) {
		return hex(text.getBytes(StandardCharsets.UTF_8));
	}

	/** A fed digest's value, in hex. */
	public static String hex(MessageDigest fed) {
		return HexFormat.of().formatHex(fed.digest());
	}

}
