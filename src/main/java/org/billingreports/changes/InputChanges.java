package org.billingreports.changes;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.billingreports.kernel.ReportVersion;
import org.billingreports.kernel.Text;
import org.billingreports.kernel.Utc;

/**
 * Records a change of what reports bill from, in the caller's transaction: the change and its record
 * commit together, or neither does.
 */
@Component
public class InputChanges {

	/** The kinds of change, as recorded. */
	public enum Kind {

		/** call records stored by an import: new calls, or corrected ones */
		calls,
		/** a new version of a rate deck */
		rateDeck,
		/** an account's or a customer's billing settings, proration or rating options */
		billingSettings,
		/** the customer tree, a customer's name, or its phone numbers */
		customers,
		/** a report version completed: changes made while it ran are looked at for it */
		versionCompleted

	}

	private static final int MAX_DETAIL = 500;

	private final JdbcClient jdbc;

	private final Clock clock;

	InputChanges(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * The call records an import stored: the span of their start times tells which reports they may
	 * concern. An import that stored none changes nothing.
	 */
	public void callsImported(String accountId, String importId) {
		this.jdbc
			.sql("INSERT INTO input_change (account_id, kind, first_start, last_start, subject, detail, created_at) "
					+ "SELECT ?, ?, MIN(start_time), MAX(start_time), ?, ?, ? FROM call_record WHERE import_id = ? "
					+ "HAVING COUNT(*) > 0")
			.params(accountId, Kind.calls.name(), importId, "import " + importId, now(), importId)
			.update();
	}

	/**
	 * A call record a switch pushed. Recorded only when a report of the account covers its start (its
	 * period, whatever the report's state): a record of days no report covers yet concerns none, and a switch
	 * pushes thousands a second.
	 */
	public void callPushed(String accountId, String callId, Instant start) {
		OffsetDateTime at = Utc.of(start);
		this.jdbc
			.sql("INSERT INTO input_change (account_id, kind, first_start, last_start, detail, created_at) "
					+ "SELECT ?, ?, ?, ?, ?, ? FROM billing_report WHERE account_id = ? AND period_start <= ? "
					+ "AND period_end > ? FETCH FIRST 1 ROWS ONLY")
			.params(accountId, Kind.calls.name(), at, at,
					Text.fitted("call " + callId + " pushed by a switch", MAX_DETAIL), now(), accountId,
					at, at)
			.update();
	}

	/** A new version of a rate deck of the account. */
	public void deckUploaded(String accountId, String deckId, int version, String detail) {
		insert(accountId, Kind.rateDeck, deckId, version, detail);
	}

	/** The account's or a customer's billing settings changed. */
	public void billingSettingsChanged(String accountId, String detail) {
		insert(accountId, Kind.billingSettings, null, null, detail);
	}

	/** The customer tree, a customer's name or its phone numbers changed. */
	public void customersChanged(String accountId, String detail) {
		insert(accountId, Kind.customers, null, null, detail);
	}

	/** A report version completed. */
	public void versionCompleted(String accountId, ReportVersion run) {
		insert(accountId, Kind.versionCompleted, run.reportId(), run.version(), "version " + run.version()
				+ " of report " + run.reportId() + " completed");
	}

	private void insert(String accountId, Kind kind, String subject, Integer subjectVersion, String detail) {
		this.jdbc
			.sql("INSERT INTO input_change (account_id, kind, subject, subject_version, detail, created_at) "
					+ "VALUES (?, ?, ?, ?, ?, ?)")
			.params(accountId, kind.name(), subject, subjectVersion, Text.fitted(detail, MAX_DETAIL), now())
			.update();
	}

	private OffsetDateTime now() {
		return Utc.of(this.clock.instant());
	}


}
