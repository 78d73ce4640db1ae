package org.billingreports.statement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.billingreports.kernel.ReportVersion;
import org.billingreports.rating.BillingItem;
import org.billingreports.rating.RateDeck;

/**
 * A report version's rated calls, from its billing rows and the call records they rate, streamed in the
 * billing file's customer order, then by start time: one page in memory at a time, whatever the
 * number of calls.
 */
@Repository
class RatedCallRepository {

	/** Rows fetched at a time. */
	private static final int FETCH_SIZE = 5000;

	private static final String SELECT = "SELECT b.customer_id, "
			+ "COALESCE(bc.customer_name, b.customer_id) AS customer_name, c.call_id, c.start_time, c.channel, "
			+ "c.direction, c.status, c.from_number, c.to_number, "
			+ "c.duration_seconds, c.billable_seconds, b.units, b.item, b.raw_cost, b.pricing, b.rate_prefix, "
			+ "d.deck_name, d.deck_version "
			+ "FROM billing_row b JOIN call_record c ON c.id = b.call_record_id "
			+ "LEFT JOIN billing_customer bc ON bc.report_id = b.report_id AND bc.version = b.version "
			+ "AND bc.customer_id = b.customer_id "
			+ "LEFT JOIN report_rate_deck d ON d.report_id = b.report_id AND d.version = b.version "
			+ "AND d.customer_id = b.customer_id AND d.deck_id = b.rate_deck_id "
			+ "WHERE b.report_id = :report AND b.version = :version";

	private static final String ORDER = " ORDER BY bc.position, c.start_time, c.call_id";

	private final NamedParameterJdbcTemplate jdbc;

	private final TransactionTemplate readOnly;

	RatedCallRepository(DataSource dataSource, PlatformTransactionManager transactionManager) {
		JdbcTemplate template = new JdbcTemplate(dataSource);
		template.setFetchSize(FETCH_SIZE);
		this.jdbc = new NamedParameterJdbcTemplate(template);
		this.readOnly = new TransactionTemplate(transactionManager);
		this.readOnly.setReadOnly(true);
	}

	/**
	 * @param customerIds the customers whose calls to read; {@code null} for all of them
	 */
	void forEach(ReportVersion run, Set<String> customerIds, Consumer<RatedCall> action) {
		if (customerIds != null && customerIds.isEmpty()) {
			return;
		}
		MapSqlParameterSource parameters = new MapSqlParameterSource("report", run.reportId()).addValue("version",
				run.version());
		String sql = SELECT;
		if (customerIds != null) {
			sql += " AND b.customer_id IN (:customers)";
			parameters.addValue("customers", customerIds);
		}
		String query = sql + ORDER;
		// PostgreSQL pages a result only inside a transaction.
		this.readOnly.executeWithoutResult(status -> this.jdbc.query(query, parameters,
				(RowCallbackHandler) rs -> action.accept(call(rs))));
	}

	private static RatedCall call(ResultSet rs) throws SQLException {
		return new RatedCall(rs.getString("customer_id"), rs.getString("customer_name"), rs.getString("call_id"),
				rs.getObject("start_time", OffsetDateTime.class).toInstant(), rs.getString("channel"),
				rs.getString("direction"), rs.getString("status"), rs.getString("from_number"),
				rs.getString("to_number"), rs.getInt("duration_seconds"), rs.getInt("billable_seconds"),
				rs.getLong("units"), BillingItem.ofCode(rs.getInt("item")), rs.getBigDecimal("raw_cost"),
				rs.getString("pricing"),
				(rs.getString("deck_name") != null) ? RateDeck.label(rs.getString("deck_name"), rs.getInt("deck_version"))
						: null,
				rs.getString("rate_prefix"));
	}

}
