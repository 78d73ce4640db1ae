package org.billingreports.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import org.billingreports.kernel.Utc;

@Repository
public class UserRepository {

	private static final String COLUMNS = "id, username, password_hash, role, account_id, customer_id";

	private final JdbcClient jdbc;

	UserRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Caller> findByUsername(String username) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE username = ?")
			.param(username)
			.query(UserRepository::caller)
			.optional();
	}

	public Optional<Caller> findById(String id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE id = ?")
			.param(id)
			.query(UserRepository::caller)
			.optional();
	}

	/** Users by username; only one account's when {@code accountId} is given. */
	public List<UserInfo> list(String accountId) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + ", created_at FROM app_user WHERE (CAST(? AS VARCHAR) IS NULL OR account_id = ?) "
					+ "ORDER BY username")
			.params(accountId, accountId)
			.query((rs, row) -> UserInfo.of(caller(rs, row), rs.getObject("created_at", OffsetDateTime.class)))
			.list();
	}

	public Optional<UserInfo> info(String id) {
		return this.jdbc.sql("SELECT " + COLUMNS + ", created_at FROM app_user WHERE id = ?")
			.param(id)
			.query((rs, row) -> UserInfo.of(caller(rs, row), rs.getObject("created_at", OffsetDateTime.class)))
			.optional();
	}

	public void delete(String id) {
		this.jdbc.sql("DELETE FROM app_user WHERE id = ?").param(id).update();
	}

	private static Caller caller(ResultSet rs, int row) throws SQLException {
		return new Caller(rs.getString("id"), rs.getString("username"), rs.getString("password_hash"),
				Role.valueOf(rs.getString("role")), rs.getString("account_id"), rs.getString("customer_id"));
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
					Utc.of(Instant.now()))
			.update();
		return id;
	}

}
