package org.billingreports.billingjob;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Rates a range in one {@code INSERT … SELECT} with {@link org.billingreports.rating.RatingSql}'s
 * rules: the call records never travel to the JVM and back.
 */
final class SqlRating implements RangeRater.Rating {

	private final NamedParameterJdbcTemplate jdbc;

	private final String insert;

	private final ReportCalls calls;

	/** @param except the calls to leave out (a condition on {@code call_record}), or {@code null} */
	SqlRating(ReportCalls calls, NamedParameterJdbcTemplate jdbc, boolean h2, String except) {
		this.jdbc = jdbc;
		this.insert = calls.ratingInsert(h2, except);
		this.calls = calls;
	}

	@Override
	public int rate(IdRange range, boolean keepingExistingRows) {
		return this.jdbc.update(keepingExistingRows ? this.insert + ReportCalls.KEEPING_EXISTING_ROWS : this.insert,
				this.calls.parameters(range));
	}

}
