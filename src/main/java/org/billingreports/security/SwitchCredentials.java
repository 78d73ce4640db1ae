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
 * Credentials an account issues to its switches ({@code sw_…} user name and a password, sent as HTTP Basic,
 * as FreeSWITCH's {@code cred} setting sends them): they may push the account's call records and nothing
 * else. The password is shown once and kept only as a SHA-256 (it is 256 random bits). A revoked credential
 * is refused from the next request on, on every node: each request is checked against the database.
 */
@Component
public class SwitchCredentials {

	/** A credential as made: the only time its password is shown. */
	public record NewSwitchCredential(String id, String username, String password, String dateCreated) {
	}

	/** A credential as listed: never its password. */
	public record SwitchCredentialInfo(String id, String username, String createdBy, String dateCreated,
			String revoked) {
	}

	static final String PREFIX = "sw_";

	private final JdbcClient jdbc;

	private final Clock clock;

	SwitchCredentials(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public NewSwitchCredential create(String accountId, String createdBy) {
		String id = UUID.randomUUID().toString();
		String username = PREFIX + Secrets.random(9);
		String password = Secrets.random(32);
		OffsetDateTime now = now();
		this.jdbc
			.sql("INSERT INTO switch_credential (id, account_id, username, secret_hash, created_by, created_at) "
					+ "VALUES (?, ?, ?, ?, ?, ?)")
			.params(id, accountId, username, Secrets.sha256(password), createdBy, now)
			.update();
		return new NewSwitchCredential(id, username, password, iso(now));
	}

	public List<SwitchCredentialInfo> list(String accountId) {
		return this.jdbc
			.sql("SELECT id, username, created_by, created_at, revoked_at FROM switch_credential WHERE account_id = ? "
					+ "ORDER BY created_at, id")
			.param(accountId)
			.query((rs, row) -> new SwitchCredentialInfo(rs.getString("id"), rs.getString("username"),
					rs.getString("created_by"), iso(rs.getObject("created_at", OffsetDateTime.class)),
					iso(rs.getObject("revoked_at", OffsetDateTime.class))))
			.list();
	}

	/** @return whether the account had that credential, not yet revoked */
	public boolean revoke(String accountId, String credentialId) {
		return this.jdbc
			.sql("UPDATE switch_credential SET revoked_at = ? WHERE id = ? AND account_id = ? AND revoked_at IS NULL")
			.params(now(), credentialId, accountId)
			.update() == 1;
	}

	/** Whether a Basic user name is one of these (and not a user's or an API key). */
	static boolean isSwitchUsername(String username) {
		return username != null && username.startsWith(PREFIX);
	}

	/** The switch behind a user name and password, when they are a live credential's. */
	Optional<Caller> authenticate(String username, String password) {
		record Stored(String id, String accountId, String secretHash) {
		}
		return this.jdbc
			.sql("SELECT id, account_id, secret_hash FROM switch_credential WHERE username = ? AND revoked_at IS NULL")
			.param(username)
			.query((rs, row) -> new Stored(rs.getString("id"), rs.getString("account_id"), rs.getString("secret_hash")))
			.optional()
			.filter(stored -> Secrets.matches(stored.secretHash(), password))
			.map(stored -> Caller.switchOf(stored.id(), username, stored.accountId()));
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
	}

	private static String iso(OffsetDateTime time) {
		return (time != null) ? time.toInstant().truncatedTo(ChronoUnit.SECONDS).toString() : null;
	}

}
