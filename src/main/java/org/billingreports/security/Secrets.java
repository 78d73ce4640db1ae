package org.billingreports.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import org.billingreports.kernel.Sha256;

/**
 * The secrets the service makes (API keys, session ids, switch passwords, the command line's token) and how it
 * keeps them: random bytes, URL-safe, and only a SHA-256 stored, which suffices for random secrets.
 */
final class Secrets {

	private static final SecureRandom RANDOM = new SecureRandom();

	private Secrets() {
	}

	/** That many random bytes, URL-safe Base64 without padding: nothing in a header or a cookie needs escaping. */
	static String random(int bytes) {
		byte[] secret = new byte[bytes];
		RANDOM.nextBytes(secret);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
	}

	static String sha256(String text) {
		return Sha256.hex(text);
	}

	/** Whether the secret is the one whose SHA-256 is stored, compared in constant time. */
	static boolean matches(String storedSha256, String secret) {
		return MessageDigest.isEqual(storedSha256.getBytes(StandardCharsets.US_ASCII),
				sha256(secret).getBytes(StandardCharsets.US_ASCII));
	}

}
