package org.billingreports.ingestion;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.billingreports.kernel.Sha256;
import org.billingreports.kernel.Text;
import org.billingreports.kernel.Utc;
import org.billingreports.security.Caller;

/**
 * Legs that could not be stored as call records, kept whole with their reason ({@code pushed_call_rejection}):
 * what an operator reads to fix the cause, and the body to post again. The same body refused again is kept
 * once.
 */
@Component
public class PushRejections {

	private static final int MAX_REASON = 500;

	/** A rejection as listed: the body is fetched on its own. */
	public record RejectedLeg(long id, String accountId, String source, String callId, String reason, String contentType,
			long bodyLength, String dateReceived) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	PushRejections(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	void record(String accountId, String source, String callId, String reason, String contentType, String body) {
		this.jdbc
			.sql("INSERT INTO pushed_call_rejection (account_id, source, call_id, reason, content_type, body, "
					+ "body_sha256, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
			.params(accountId, source, Text.fitted(callId, 150), Text.fitted(reason, MAX_REASON),
					Text.fitted(contentType, 200), body, Sha256.hex(body), Utc.of(this.clock.instant()))
			.update();
	}

	/**
	 * The account's rejections received in [from, to) (the last 30 days when not given), newest first, for
	 * a SystemAdministrator or a Manager of the account (404 for anyone else, as for its other data).
	 */
	public List<RejectedLeg> recent(String accountId, Instant from, Instant to, int limit, Caller caller) {
		caller.requireAccountWideView(accountId, "Account", accountId);
		Instant until = (to != null) ? to : this.clock.instant().plusSeconds(1);
		Instant since = (from != null) ? from : until.minus(30, ChronoUnit.DAYS);
		return list(accountId, since, until, limit);
	}

	private List<RejectedLeg> list(String accountId, Instant from, Instant to, int limit) {
		return this.jdbc
			.sql("SELECT id, account_id, source, call_id, reason, content_type, LENGTH(body) AS body_length, received_at "
					+ "FROM pushed_call_rejection WHERE account_id = ? AND received_at >= ? AND received_at < ? "
					+ "ORDER BY received_at DESC, id DESC FETCH FIRST " + limit + " ROWS ONLY")
			.params(accountId, Utc.of(from), Utc.of(to))
			.query((rs, row) -> new RejectedLeg(rs.getLong("id"), rs.getString("account_id"), rs.getString("source"),
					rs.getString("call_id"), rs.getString("reason"), rs.getString("content_type"),
					rs.getLong("body_length"), rs.getObject("received_at", OffsetDateTime.class)
						.toInstant()
						.truncatedTo(ChronoUnit.SECONDS)
						.toString()))
			.list();
	}

	/** The body of one of the account's rejections, as it was posted. */
	Optional<String> body(String accountId, long id, Caller caller) {
		caller.requireAccountWideView(accountId, "Account", accountId);
		return this.jdbc.sql("SELECT body FROM pushed_call_rejection WHERE account_id = ? AND id = ?")
			.params(accountId, id)
			.query(String.class)
			.optional();
	}


}
