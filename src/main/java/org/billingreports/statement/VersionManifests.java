package org.billingreports.statement;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.billingreports.kernel.ReportVersion;
import org.billingreports.kernel.Sha256;

/**
 * What proves a completed version's total: how many records it billed and a SHA-256 of their identities
 * and revisions, the deck each customer was rated with, a SHA-256 of everything else it billed from (its
 * kept inputs), the service's version that billed it, and the SHA-256 of the billing file and the workbook
 * as they are served. An auditor checks it months later against the same records, or has the version
 * rated again ({@code verify}).
 */
@Component
public class VersionManifests {

	/**
	 * @param callsSha256 SHA-256 (hex) of one line per billed record, in record id order:
	 * {@code <callId> TAB <revision> LF}, UTF-8
	 * @param settingsSha256 SHA-256 (hex) of the version's inputs as canonical JSON; absent for a version billed
	 * before they were kept
	 * @param csvSha256 SHA-256 (hex) of {@code GET /reports/{id}.csv?version=n}, as the caller gets it
	 * @param workbookSha256 the same of {@code .xlsx}
	 */
	public record Manifest(String reportId, int version, long calls, String callsSha256, List<Deck> rateDecks,
			String settingsSha256, String applicationVersion, String csvSha256, String workbookSha256) {
	}

	/** The deck (and its version) a customer was rated with. */
	public record Deck(String customerId, String deckId, String deckName, int deckVersion) {
	}

	private static final int FETCH_SIZE = 5000;

	private final StatementRepository statements;

	private final BillingFiles files;

	private final JdbcClient jdbc;

	private final JdbcTemplate streaming;

	private final TransactionTemplate readOnly;

	VersionManifests(StatementRepository statements, BillingFiles files, JdbcClient jdbc, DataSource dataSource,
			PlatformTransactionManager transactionManager) {
		this.statements = statements;
		this.files = files;
		this.jdbc = jdbc;
		this.streaming = new JdbcTemplate(dataSource);
		this.streaming.setFetchSize(FETCH_SIZE);
		this.readOnly = new TransactionTemplate(transactionManager);
		this.readOnly.setReadOnly(true);
	}

	/** The manifest of a completed version, its files' hashes as this audience gets them. */
	public Manifest of(ReportVersion run, Audience audience) {
		MessageDigest calls = Sha256.digest();
		long[] count = { 0 };
		this.readOnly.executeWithoutResult(status -> this.streaming.query("SELECT c.call_id, c.revision "
				+ "FROM billing_row b JOIN call_record c ON c.id = b.call_record_id "
				+ "WHERE b.report_id = ? AND b.version = ? ORDER BY b.call_record_id", (RowCallbackHandler) rs -> {
					calls.update((rs.getString(1) + "\t" + rs.getInt(2) + "\n").getBytes(StandardCharsets.UTF_8));
					count[0]++;
				}, run.reportId(), run.version()));
		List<Deck> decks = this.jdbc
			.sql("SELECT customer_id, deck_id, deck_name, deck_version FROM report_rate_deck WHERE report_id = ? "
					+ "AND version = ? AND deck_id IS NOT NULL ORDER BY customer_id")
			.params(run.reportId(), run.version())
			.query((rs, row) -> new Deck(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)))
			.list();
		String inputs = this.statements.inputs(run).orElse(null);
		return new Manifest(run.reportId(), run.version(), count[0], Sha256.hex(calls), decks,
				(inputs != null) ? Sha256.hex(inputs) : null,
				this.statements.applicationVersion(run).orElse(null), hex(this.files.csv(run, audience)),
				hex(this.files.workbook(run, audience)));
	}

	private static String hex(Path file) {
		MessageDigest digest = Sha256.digest();
		try (InputStream in = Files.newInputStream(file)) {
			byte[] buffer = new byte[64 * 1024];
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				digest.update(buffer, 0, read);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return Sha256.hex(digest);
	}

}
