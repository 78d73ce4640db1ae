package org.billingreports.security;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class UserRepository {

	private final JdbcClient jdbc;

	UserRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Caller> findByUsername(String username) {
		return this.jdbc
			.sql("SELECT id, username, password_hash, role, account_id, customer_id FROM app_user WHERE username = ?")
			.param(username)
			.query((rs, row) -> new Caller(rs.getString("id"), rs.getString("username"),
					rs.getString("password_hash"), Role.valueOf(rs.getString("role")), rs.getString("account_id"),
					rs.getString("customer_id")))
			.optional();
	}

	public boolean exists(String username) {
		return findByUsername(username).isPresent();
	}

	/** @return the new user's id */
	public String create(String username, String passwordHash, Role role, String accountId, String customerId) {
		String id = UUID.randomUUID().toString();
		this.jdbc
			.sql("INSERT INTO app_user (id, username, password_hash, role, account_id, customer_id, created_at) "
					+ "VALUES (?, ?, ?, ?, ?, ?, ?)")
			.params(id, username, passwordHash, role.name(), accountId, customerId,
					OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC))
			.update();
		return id;
	}

}
