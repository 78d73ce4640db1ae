package org.billingreports.report;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.billingreports.kernel.ReportVersion;
import org.billingreports.kernel.Text;
import org.billingreports.kernel.Utc;

/**
 * Whether a completed report version is out of date, and why: one count per kind of reason, recounted
 * whenever a change may have moved it (never added up), with when the first change of that kind marked
 * the version and whether a {@code report.outOfDate} event named it already.
 */
@Component
class OutOfDate {

	/** The kinds, in the order they are shown. */
	static final List<String> KINDS = List.of("lateCalls", "correctedCalls", "rateDeck", "billingSettings",
			"customers");

	private static final int MAX_DETAIL = 500;

	private final JdbcClient jdbc;

	OutOfDate(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The version's reasons, in the order of {@link #KINDS}; empty when it is up to date. */
	List<OutOfDateReason> reasons(ReportVersion run) {
		return this.jdbc
			.sql("SELECT kind, quantity, since, detail FROM report_out_of_date WHERE report_id = ? AND version = ? "
					+ "AND quantity > 0")
			.params(run.reportId(), run.version())
			.query((rs, row) -> new OutOfDateReason(rs.getString("kind"), rs.getLong("quantity"),
					ReportInfos.iso(rs.getObject("since", OffsetDateTime.class).toInstant()), rs.getString("detail")))
			.list()
			.stream()
			.sorted(Comparator.comparingInt(reason -> KINDS.indexOf(reason.kind())))
			.toList();
	}

	/**
	 * Sets the version's count of one kind, as recounted. A kind that comes back to zero keeps its row
	 * (with whether it was announced), shown no more; {@code since} is when the count last left zero, and
	 * {@code last_changed} when it last moved.
	 * @param at when the change that made this recount was recorded
	 */
	void set(ReportVersion run, String kind, long quantity, String said, Instant at) {
		OffsetDateTime when = Utc.of(at);
		String detail = Text.fitted(said, MAX_DETAIL);
		if (quantity > 0) {
			this.jdbc
				.sql("INSERT INTO report_out_of_date (report_id, version, kind, quantity, since, last_changed, detail) "
						+ "VALUES (?, ?, ?, 0, ?, ?, ?) ON CONFLICT DO NOTHING")
				.params(run.reportId(), run.version(), kind, when, when, detail)
				.update();
		}
		this.jdbc
			.sql("UPDATE report_out_of_date SET since = CASE WHEN quantity = 0 THEN ? ELSE since END, "
					+ "last_changed = CASE WHEN quantity <> ? THEN ? ELSE last_changed END, quantity = ?, detail = ? "
					+ "WHERE report_id = ? AND version = ? AND kind = ?")
			.params(when, quantity, when, quantity, detail, run.reportId(), run.version(), kind)
			.update();
	}

	/**
	 * The kinds that mark the version and were never announced, now marked announced: each is announced
	 * once per version, also when two nodes get here at once (the row's update decides).
	 */
	List<String> announce(ReportVersion run) {
		List<String> announced = new ArrayList<>();
		for (String kind : KINDS) {
			int updated = this.jdbc
				.sql("UPDATE report_out_of_date SET announced = TRUE WHERE report_id = ? AND version = ? AND kind = ? "
						+ "AND quantity > 0 AND announced = FALSE")
				.params(run.reportId(), run.version(), kind)
				.update();
			if (updated > 0) {
				announced.add(kind);
			}
		}
		return announced;
	}

}
