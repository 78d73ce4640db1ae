package org.billingreports.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import org.billingreports.kernel.Utc;

/**
 * Signed-in sessions, kept in the database so that every node accepts every session and a restart
 * keeps them. A session has two secret ids, as ServiceStack's has: a temporary one (the {@code ss-id}
 * cookie) and a permanent one ({@code ss-pid}, usable only when the user asked to be remembered).
 * Only their SHA-256 hashes are stored. A session ends at sign-out, after
 * {@code billing.security.sessions.idle-timeout} without use, {@code lifetime} after its sign-in,
 * when its user is deleted, and when its user's password changes.
 */
@Component
public class Sessions {

	/** A new session's ids, to be handed to the client once. */
	public record Issued(String temporaryId, String permanentId, boolean rememberMe) {

		/** The id that keys the session: the permanent one when remembered (ServiceStack's sessionId). */
		public String sessionId() {
			return this.rememberMe ? this.permanentId : this.temporaryId;
		}

	}

	/** Last use is written at most this often, not on every request. */
	private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

	private final JdbcClient jdbc;

	private final UserRepository users;

	private final Clock clock;

	private final Duration idleTimeout;

	private final Duration lifetime;

	Sessions(JdbcClient jdbc, UserRepository users, Clock clock, SecurityProperties properties) {
		this.jdbc = jdbc;
		this.users = users;
		this.clock = clock;
		this.idleTimeout = properties.sessions().idleTimeout();
		this.lifetime = properties.sessions().lifetime();
	}

	public Duration lifetime() {
		return this.lifetime;
	}

	Issued create(Caller user, boolean rememberMe) {
		Issued issued = new Issued(newId(), newId(), rememberMe);
		OffsetDateTime now = now();
		this.jdbc
			.sql("INSERT INTO user_session (id, user_id, temporary_hash, permanent_hash, remember_me, credential_hash, "
					+ "created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
			.params(UUID.randomUUID().toString(), user.userId(), Secrets.sha256(issued.temporaryId()),
					Secrets.sha256(issued.permanentId()), rememberMe, Secrets.sha256(user.getPassword()), now, now)
			.update();
		return issued;
	}

	/**
	 * The user a live session belongs to.
	 * @param permanent whether {@code id} is the permanent id ({@code ss-pid}) rather than the temporary one
	 */
	Optional<Caller> find(String id, boolean permanent) {
		if (id == null || id.isBlank()) {
			return Optional.empty();
		}
		Optional<StoredSession> stored = this.jdbc
			.sql("SELECT id, user_id, remember_me, credential_hash, created_at, last_seen_at FROM user_session WHERE "
					+ (permanent ? "permanent_hash" : "temporary_hash") + " = ?")
			.param(Secrets.sha256(id))
			.query((rs, row) -> new StoredSession(rs.getString("id"), rs.getString("user_id"),
					rs.getBoolean("remember_me"), rs.getString("credential_hash"),
					rs.getObject("created_at", OffsetDateTime.class).toInstant(),
					rs.getObject("last_seen_at", OffsetDateTime.class).toInstant()))
			.optional();
		if (stored.isEmpty() || (permanent && !stored.get().rememberMe())) {
			return Optional.empty();
		}
		StoredSession session = stored.get();
		Instant now = this.clock.instant();
		if (!now.isBefore(session.createdAt().plus(this.lifetime))
				|| !now.isBefore(session.lastSeenAt().plus(this.idleTimeout))) {
			end(session.id());
			return Optional.empty();
		}
		Optional<Caller> user = this.users.findById(session.userId())
			.filter(caller -> Secrets.sha256(caller.getPassword()).equals(session.credentialHash()));
		if (user.isEmpty()) {
			// The password changed since the sign-in.
			end(session.id());
			return Optional.empty();
		}
		if (!now.isBefore(session.lastSeenAt().plus(TOUCH_EVERY))) {
			this.jdbc.sql("UPDATE user_session SET last_seen_at = ? WHERE id = ?")
				.params(Utc.of(now), session.id())
				.update();
		}
		return user;
	}

	/** Ends the session with this id, if there is one. */
	void end(String id, boolean permanent) {
		if (id != null && !id.isBlank()) {
			this.jdbc
				.sql("DELETE FROM user_session WHERE " + (permanent ? "permanent_hash" : "temporary_hash") + " = ?")
				.param(Secrets.sha256(id))
				.update();
		}
	}

	private void end(String sessionKey) {
		this.jdbc.sql("DELETE FROM user_session WHERE id = ?").param(sessionKey).update();
	}

	/** Sessions past their idle time or lifetime are forgotten; they could not be used anyway. */
	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT2M")
	void forgetExpired() {
		OffsetDateTime now = now();
		this.jdbc.sql("DELETE FROM user_session WHERE last_seen_at < ? OR created_at < ?")
			.params(now.minus(this.idleTimeout), now.minus(this.lifetime))
			.update();
	}

	private record StoredSession(String id, String userId, boolean rememberMe, String credentialHash,
			Instant createdAt, Instant lastSeenAt) {
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
	}

	/** 24 random bytes, URL-safe: nothing in a cookie value needs escaping. */
	private static String newId() {
		return Secrets.random(24);
	}

}
