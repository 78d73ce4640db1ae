package org.billingreports.billingjob;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import org.billingreports.rating.Channel;
import org.billingreports.rating.Direction;
import org.billingreports.report.Report;

/**
 * Which call records a report rates: its account's, started within its period (SPEC section 7), and
 * for a Customer user's report only those of the customers it covers.
 */
final class ReportCalls {

	private static final String READER_NAME = "callsToRate";

	/** Where the reader keeps how many call records it has read, in the step execution context. */
	static final String READ_COUNT = READER_NAME + ".read.count";

	private static final String FROM = "FROM call_record";

	private static final String IN_PERIOD = "WHERE account_id = :accountId AND start_time >= :start AND start_time < :end";

	private static final String IN_SCOPE = " AND customer_id IN "
			+ "(SELECT customer_id FROM report_customer_scope WHERE report_id = :reportId)";

	private final Map<String, Object> parameters;

	private final String where;

	ReportCalls(Report report) {
		this.parameters = Map.of("accountId", report.accountId(), "start",
				OffsetDateTime.ofInstant(report.period().start(), ZoneOffset.UTC), "end",
				OffsetDateTime.ofInstant(report.period().end(), ZoneOffset.UTC), "reportId", report.id());
		this.where = report.isScoped() ? IN_PERIOD + IN_SCOPE : IN_PERIOD;
	}

	/**
	 * Pages through the calls by keyset on the unique id, so a restart resumes after the last committed
	 * id and no page holds more than {@code pageSize} records.
	 */
	JdbcPagingItemReader<CallToRate> reader(DataSource dataSource, int pageSize) throws Exception {
		return new JdbcPagingItemReaderBuilder<CallToRate>().name(READER_NAME)
			.dataSource(dataSource)
			.selectClause("SELECT id, customer_id, channel, direction, status, billable_seconds, carrier_cost")
			.fromClause(FROM)
			.whereClause(this.where)
			.sortKeys(Map.of("id", Order.ASCENDING))
			.parameterValues(this.parameters)
			.pageSize(pageSize)
			.fetchSize(pageSize)
			.rowMapper((rs, row) -> new CallToRate(rs.getLong("id"), rs.getString("customer_id"),
					Channel.parse(rs.getString("channel")), Direction.parse(rs.getString("direction")),
					rs.getString("status"), rs.getLong("billable_seconds"), rs.getBigDecimal("carrier_cost")))
			.build();
	}

	long count(NamedParameterJdbcTemplate jdbc) {
		Long count = jdbc.queryForObject("SELECT COUNT(*) " + FROM + " " + this.where, this.parameters, Long.class);
		return (count != null) ? count : 0;
	}

}
