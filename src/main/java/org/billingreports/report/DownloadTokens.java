package org.billingreports.report;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.billingreports.security.SecurityProperties;


/**
 * Signed, expiring tokens in download links, so that a link from an e-mail works without credentials:
 * {@code <expiry unix seconds>.<HMAC-SHA256 of "reportId:expiry">}. The key is
 * {@code billing.security.download-link-secret}, or one the service makes once and keeps in the
 * database, so that every node accepts every node's links and they survive a restart.
 */
@Component
class DownloadTokens {

	private static final String ALGORITHM = "HmacSHA256";

	private static final String SECRET_NAME = "download-link";

	private final JdbcClient jdbc;

	private final String configuredSecret;

	private final Duration ttl;

	private final Clock clock;

	private volatile byte[] key;

	DownloadTokens(JdbcClient jdbc, SecurityProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.configuredSecret = properties.downloadLinkSecret();
		this.ttl = properties.downloadLinkTtl();
		this.clock = clock;
	}

	String issue(String reportId) {
		long expiry = this.clock.instant().plus(this.ttl).getEpochSecond();
		return expiry + "." + signature(reportId, expiry);
	}

	/** Whether the token was issued for this report and has not expired. */
	boolean isValid(String reportId, String token) {
		int dot = token.indexOf('.');
		if (dot <= 0) {
			return false;
		}
		long expiry;
		try {
			expiry = Long.parseLong(token.substring(0, dot));
		}
		catch (NumberFormatException ex) {
			return false;
		}
		boolean signed = MessageDigest.isEqual(signature(reportId, expiry).getBytes(StandardCharsets.US_ASCII),
				token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
		return signed && this.clock.instant().getEpochSecond() < expiry;
	}

	private String signature(String reportId, long expiry) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(new SecretKeySpec(key(), ALGORITHM));
			byte[] digest = mac.doFinal((reportId + ":" + expiry).getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

	private byte[] key() {
		byte[] current = this.key;
		if (current == null) {
			String secret = this.configuredSecret.isBlank() ? storedSecret() : this.configuredSecret;
			current = secret.getBytes(StandardCharsets.UTF_8);
			this.key = current;
		}
		return current;
	}

	/** The database's secret; the first node to need one makes it, the others read that one. */
	private String storedSecret() {
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		this.jdbc.sql("INSERT INTO server_secret (name, secret) VALUES (?, ?) ON CONFLICT DO NOTHING")
			.params(SECRET_NAME, Base64.getEncoder().encodeToString(random))
			.update();
		return this.jdbc.sql("SELECT secret FROM server_secret WHERE name = ?")
			.param(SECRET_NAME)
			.query(String.class)
			.single();
	}

}
