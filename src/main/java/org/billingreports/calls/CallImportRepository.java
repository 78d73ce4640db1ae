package org.billingreports.calls;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import org.billingreports.kernel.Text;
import org.billingreports.kernel.Utc;

/** Imports of call-record files and the lines they rejected. */
@Repository
class CallImportRepository {

	/** An upload, as recorded when it arrived. */
	record CallImport(String id, String accountId, String format, String timeZoneId, String fileName,
			Path spoolFile, String createdBy, Instant createdAt, String defaultCustomerId, OnDuplicate onDuplicate) {
	}

	record Rejection(long lineNumber, String reason, String line) {
	}

	static final int MAX_TEXT = 500;

	private final JdbcClient jdbc;

	CallImportRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** @param node the node whose job runs the import, and whose disk holds the file */
	void insert(CallImport callImport, String node) {
		this.jdbc
			.sql("INSERT INTO call_import (id, account_id, format, time_zone_id, file_name, spool_file, created_by, "
					+ "created_at, node, default_customer_id, on_duplicate) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(callImport.id(), callImport.accountId(), callImport.format(), callImport.timeZoneId(),
					callImport.fileName(), callImport.spoolFile().toString(), callImport.createdBy(),
					Utc.of(callImport.createdAt()), node,
					callImport.defaultCustomerId(), callImport.onDuplicate().name())
			.update();
	}

	Optional<CallImport> find(String id) {
		return this.jdbc.sql("SELECT * FROM call_import WHERE id = ?")
			.param(id)
			.query(CallImportRepository::callImport)
			.optional();
	}

	/** The node whose executor runs the import now, for recovery should that node stop. */
	Optional<String> nodeOf(String importId) {
		return this.jdbc.sql("SELECT node FROM call_import WHERE id = ?").param(importId).query(String.class).optional();
	}

	void assignNode(String importId, String node) {
		this.jdbc.sql("UPDATE call_import SET node = ? WHERE id = ?").params(node, importId).update();
	}

	/**
	 * What the import stored: new calls (their first revision), and corrections (a later revision of a
	 * call stored before).
	 */
	record Stored(long calls, long corrections) {
	}

	Stored stored(String importId) {
		return this.jdbc
			.sql("SELECT COUNT(*) AS stored, SUM(CASE WHEN revision > 1 THEN 1 ELSE 0 END) AS corrections "
					+ "FROM call_record WHERE import_id = ?")
			.param(importId)
			.query((rs, row) -> new Stored(rs.getLong("stored") - rs.getLong("corrections"), rs.getLong("corrections")))
			.single();
	}

	/** Import ids, newest first; of one account, or of all when {@code accountId} is {@code null}. */
	List<String> ids(String accountId, int skip, int take) {
		return this.jdbc
			.sql("SELECT id FROM call_import WHERE (CAST(? AS VARCHAR(64)) IS NULL OR account_id = ?) "
					+ "ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")
			.params(accountId, accountId, take, skip)
			.query(String.class)
			.list();
	}

	/** Every rejected line of the import, in line order, each given to {@code action} as it is read. */
	void eachRejection(String importId, Consumer<Rejection> action) {
		try (Stream<Rejection> rejections = this.jdbc
			.sql("SELECT line_number, reason, line FROM call_import_rejection WHERE import_id = ? ORDER BY line_number")
			.param(importId)
			.query((rs, row) -> new Rejection(rs.getLong("line_number"), rs.getString("reason"), rs.getString("line")))
			.stream()) {
			rejections.forEach(action);
		}
	}

	List<Rejection> rejections(String importId, int limit) {
		return this.jdbc
			.sql("SELECT line_number, reason, line FROM call_import_rejection WHERE import_id = ? "
					+ "ORDER BY line_number LIMIT ?")
			.params(importId, limit)
			.query((rs, row) -> new Rejection(rs.getLong("line_number"), rs.getString("reason"),
					rs.getString("line")))
			.list();
	}

	/** Forgets what the import stored: a file that failed as a whole leaves nothing behind. */
	/**
	 * In a transaction of its own: it is called by a step that fails right after, and whose own
	 * transaction is rolled back.
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	int deleteImported(String importId) {
		// The revisions it replaced are current again.
		this.jdbc.sql("DELETE FROM call_record_correction WHERE import_id = ?").param(importId).update();
		return this.jdbc.sql("DELETE FROM call_record WHERE import_id = ?").param(importId).update();
	}

	/** Idempotent: a restarted import that rejects the same line again records it once. */
	void reject(String importId, long lineNumber, String reason, String line) {
		this.jdbc
			.sql("INSERT INTO call_import_rejection (import_id, line_number, reason, line) VALUES (?, ?, ?, ?) "
					+ "ON CONFLICT DO NOTHING")
			.params(importId, lineNumber, storable(reason), storable(line))
			.update();
	}

	/** Cut to fit, and without NULs, which PostgreSQL refuses in text. */
	private static String storable(String text) {
		if (text == null) {
			return null;
		}
		String clean = text.replace('\0', '\uFFFD');
		return Text.fitted(clean, MAX_TEXT);
	}

	private static CallImport callImport(ResultSet rs, int row) throws SQLException {
		return new CallImport(rs.getString("id"), rs.getString("account_id"), rs.getString("format"),
				rs.getString("time_zone_id"), rs.getString("file_name"), Path.of(rs.getString("spool_file")),
				rs.getString("created_by"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				rs.getString("default_customer_id"), OnDuplicate.valueOf(rs.getString("on_duplicate")));
	}

}
