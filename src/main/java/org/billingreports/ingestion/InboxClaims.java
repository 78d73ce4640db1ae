package org.billingreports.ingestion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.springframework.jdbc.core.simple.JdbcClient;

import org.billingreports.kernel.Utc;

/**
 * Which node took which file of the inbox ({@code inbox_file}). A file is claimed by inserting its identity,
 * which the database keeps unique: of two nodes that insert the same file at once, one inserts it and the other
 * nothing, so each file is imported once however many nodes watch the folder.
 */
class InboxClaims {

	/** What a file of the inbox is known by: its place, size and modification time (whole seconds). */
	record Identity(String accountId, String format, String fileName, long size, long modifiedSecond) {

		/**
		 * The file as it is now. Whole seconds: file systems keep times as finely as they can, and a folder
		 * shared between machines may show one file's time with another precision on each.
		 */
		static Identity of(Path inbox, Path file) throws IOException {
			Path relative = inbox.relativize(file);
			BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
			return new Identity(relative.getName(0).toString(), relative.getName(1).toString(),
					relative.getName(2).toString(), attributes.size(),
					attributes.lastModifiedTime().to(TimeUnit.SECONDS));
		}

		Path in(Path inbox) {
			return inbox.resolve(this.accountId).resolve(this.format).resolve(this.fileName);
		}

		/** Whether the file at this place is still this file, not gone nor replaced by another of its name. */
		boolean isAt(Path inbox) {
			try {
				return equals(of(inbox, in(inbox)));
			}
			catch (NoSuchFileException ex) {
				return false;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

	/**
	 * A file this node claimed and has not finished with.
	 * @param runId the run of this node that started or last resumed its import
	 */
	record Claim(long id, Identity file, String importId, String runId) {
	}

	private final JdbcClient jdbc;

	InboxClaims(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** @return the claim, or nothing when another node (or this one before) claimed the file */
	Optional<Claim> claim(Identity file, String importId, String node, String runId, Instant now) {
		int inserted = this.jdbc
			.sql("INSERT INTO inbox_file (account_id, format, file_name, file_size, modified_epoch_second, import_id, "
					+ "node, run_id, state, claimed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'claimed', ?) "
					+ "ON CONFLICT DO NOTHING")
			.params(file.accountId(), file.format(), file.fileName(), file.size(), file.modifiedSecond(), importId,
					node, runId, Utc.of(now))
			.update();
		if (inserted == 0) {
			return Optional.empty();
		}
		long id = this.jdbc.sql("SELECT id FROM inbox_file WHERE import_id = ?").param(importId).query(Long.class).single();
		return Optional.of(new Claim(id, file, importId, runId));
	}

	/** The files this node claimed and has not finished with, in the order it claimed them. */
	List<Claim> unfinished(String node) {
		return this.jdbc
			.sql("SELECT id, account_id, format, file_name, file_size, modified_epoch_second, import_id, run_id "
					+ "FROM inbox_file WHERE node = ? AND state = 'claimed' ORDER BY id")
			.param(node)
			.query((rs, row) -> new Claim(rs.getLong("id"),
					new Identity(rs.getString("account_id"), rs.getString("format"), rs.getString("file_name"),
							rs.getLong("file_size"), rs.getLong("modified_epoch_second")),
					rs.getString("import_id"), rs.getString("run_id")))
			.list();
	}

	/** The import it follows from now on: a new one, or the same resumed by another run of the node. */
	void follow(long claimId, String importId, String runId) {
		this.jdbc.sql("UPDATE inbox_file SET import_id = ?, run_id = ? WHERE id = ?")
			.params(importId, runId, claimId)
			.update();
	}

	/** @param state {@code done}, {@code failed} or {@code gone} */
	void finish(long claimId, String state, String reason, Instant now) {
		this.jdbc.sql("UPDATE inbox_file SET state = ?, reason = ?, finished_at = ? WHERE id = ?")
			.params(state, (reason == null || reason.length() <= 500) ? reason : reason.substring(0, 499) + "…",
					Utc.of(now), claimId)
			.update();
	}

}
