package org.billingreports.security;

import org.billingreports.kernel.Sha256;

/** SHA-256 of secrets that are kept only as hashes (API keys, session ids): a fast hash suffices for random ones. */
final class Digests {

	private Digests() {
	}

	static String sha256(String text) {
		return Sha256.hex(text);
	}

}
