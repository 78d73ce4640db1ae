package org.billingreports.notifications;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code X-Billing-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">}: a receiver
 * recomputes the HMAC with the account's secret, compares in constant time, and rejects old
 * timestamps to stop replays.
 */
public final class WebhookSignature {

	public static final String HEADER = "X-Billing-Signature";

	private static final String ALGORITHM = "HmacSHA256";

	private WebhookSignature() {
	}

	public static String header(String secret, long timestamp, byte[] body) {
		return "t=" + timestamp + ",v1=" + hmac(secret, timestamp, body);
	}

	/** The hex HMAC-SHA256 of {@code "<timestamp>.<body>"} under {@code secret}. */
	public static String hmac(String secret, long timestamp, byte[] body) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
			mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

}
