package org.billingreports.report;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.billingreports.kernel.ReportVersion;

/** Whether a completed report version is out of date, and why: as the recounts left it. */
@Component
class OutOfDate {

	/** The kinds, in the order they are shown. */
	static final List<String> KINDS = List.of("lateCalls", "correctedCalls", "rateDeck", "billingSettings",
			"customers");

	private final JdbcClient jdbc;

	OutOfDate(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The version's reasons, in the order of {@link #KINDS}; empty when it is up to date. */
	List<OutOfDateReason> reasons(ReportVersion run) {
		return this.jdbc
			.sql("SELECT kind, quantity, since, detail FROM report_out_of_date WHERE report_id = ? AND version = ?")
			.params(run.reportId(), run.version())
			.query((rs, row) -> new OutOfDateReason(rs.getString("kind"), rs.getLong("quantity"),
					ReportInfos.iso(rs.getObject("since", OffsetDateTime.class).toInstant()), rs.getString("detail")))
			.list()
			.stream()
			.sorted(java.util.Comparator.comparingInt(reason -> KINDS.indexOf(reason.kind())))
			.toList();
	}

}
