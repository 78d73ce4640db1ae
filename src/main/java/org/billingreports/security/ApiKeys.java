package org.billingreports.security;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * API keys, {@code bk_<id>_<secret>}: shown once when made, kept only as a SHA-256 of the secret (a
 * fast hash suffices for 256 random bits), revocable. Sent as {@code Authorization: Bearer <key>}.
 */
@Component
public class ApiKeys {

	/** A key as listed: never its secret. */
	public record ApiKeyInfo(String id, String name, String dateCreated, String lastUsed, String revoked) {
	}

	/** A key as made: the only time its full value is shown. */
	public record NewApiKey(String id, String name, String key, String dateCreated) {
	}

	static final String PREFIX = "bk_";

	private final JdbcClient jdbc;

	private final Clock clock;

	ApiKeys(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public NewApiKey create(String userId, String name) {
		String id = UUID.randomUUID().toString().replace("-", "");
		String encoded = Secrets.random(32);
		OffsetDateTime now = OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
		this.jdbc.sql("INSERT INTO api_key (id, user_id, name, secret_hash, created_at) VALUES (?, ?, ?, ?, ?)")
			.params(id, userId, name, Secrets.sha256(encoded), now)
			.update();
		return new NewApiKey(id, name, PREFIX + id + "_" + encoded, iso(now));
	}

	public List<ApiKeyInfo> list(String userId) {
		return this.jdbc
			.sql("SELECT id, name, created_at, last_used_at, revoked_at FROM api_key WHERE user_id = ? "
					+ "ORDER BY created_at")
			.param(userId)
			.query((rs, row) -> new ApiKeyInfo(rs.getString("id"), rs.getString("name"),
					iso(rs.getObject("created_at", OffsetDateTime.class)),
					iso(rs.getObject("last_used_at", OffsetDateTime.class)),
					iso(rs.getObject("revoked_at", OffsetDateTime.class))))
			.list();
	}

	/** @return whether the user had that key, not yet revoked */
	public boolean revoke(String userId, String keyId) {
		return this.jdbc
			.sql("UPDATE api_key SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL")
			.params(OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC), keyId, userId)
			.update() == 1;
	}

	/** The id part of a key, to count failures by; {@code null} for anything that is not a key. */
	static String keyId(String key) {
		if (key == null || !key.startsWith(PREFIX)) {
			return null;
		}
		int separator = key.indexOf('_', PREFIX.length());
		return (separator > PREFIX.length()) ? key.substring(PREFIX.length(), separator) : null;
	}

	/** What failed logins with this key count against: its id, never its secret. */
	static String claimedIdentity(String key) {
		String id = keyId(key);
		return (id != null) ? "key:" + id : "key:?";
	}

	/** @return the id of the user the key belongs to, when it is a live key */
	Optional<String> authenticate(String key) {
		String id = keyId(key);
		if (id == null) {
			return Optional.empty();
		}
		String secret = key.substring(PREFIX.length() + id.length() + 1);
		Optional<String[]> stored = this.jdbc
			.sql("SELECT user_id, secret_hash FROM api_key WHERE id = ? AND revoked_at IS NULL")
			.param(id)
			.query((rs, row) -> new String[] { rs.getString("user_id"), rs.getString("secret_hash") })
			.optional();
		if (stored.isEmpty() || !Secrets.matches(stored.get()[1], secret)) {
			return Optional.empty();
		}
		this.jdbc.sql("UPDATE api_key SET last_used_at = ? WHERE id = ?")
			.params(OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC), id)
			.update();
		return Optional.of(stored.get()[0]);
	}

	private static String iso(OffsetDateTime time) {
		return (time != null) ? time.toInstant().truncatedTo(ChronoUnit.SECONDS).toString() : null;
	}

}
