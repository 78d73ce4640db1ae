package org.billingreports.accounts;

import java.security.SecureRandom;
import java.util.Base64;

/** Secrets that sign an account's webhooks. */
final class WebhookSecrets {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final String PREFIX = "whsec_";

	private WebhookSecrets() {
	}

	static String generate() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** Enough to tell secrets apart, nothing to sign with: "…" and the last four characters. */
	static String hint(String secret) {
		return (secret == null) ? null : "…" + secret.substring(Math.max(0, secret.length() - 4));
	}

}
