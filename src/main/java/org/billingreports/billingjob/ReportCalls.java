package org.billingreports.billingjob;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import org.billingreports.rating.Channel;
import org.billingreports.rating.Direction;

/**
 * Which call records a report rates: its account's, started within its period (SPEC section 7), and
 * for a Customer user's report only those of the customers it covers.
 */
final class ReportCalls {

	private static final String READER_NAME = "callsToRate";

	/** Where the reader keeps how many call records it has read, in the step execution context. */
	static final String READ_COUNT = READER_NAME + ".read.count";

	private static final String IN_PERIOD = "account_id = :accountId AND start_time >= :start AND start_time < :end";

	private static final String IN_SCOPE = " AND customer_id IN "
			+ "(SELECT customer_id FROM report_customer_scope WHERE report_id = :reportId)";

	private static final String IN_RANGE = " AND id >= :minId AND id <= :maxId";

	private final Map<String, Object> parameters;

	private final String where;

	ReportCalls(ReportToBill report) {
		this.parameters = Map.of("accountId", report.accountId(), "start",
				OffsetDateTime.ofInstant(report.period().start(), ZoneOffset.UTC), "end",
				OffsetDateTime.ofInstant(report.period().end(), ZoneOffset.UTC), "reportId", report.id());
		this.where = report.isScoped() ? IN_PERIOD + IN_SCOPE : IN_PERIOD;
	}

	/** How many call records there are, and the range of their ids. */
	record Span(long count, long minId, long maxId) {
	}

	Span span(NamedParameterJdbcTemplate jdbc) {
		return jdbc.queryForObject("SELECT COUNT(*), MIN(id), MAX(id) FROM call_record WHERE " + this.where,
				this.parameters, (rs, row) -> new Span(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
	}

	/**
	 * Pages through the calls with ids from {@code minId} to {@code maxId} by keyset on the id, so a
	 * restart resumes after the last committed id and no page holds more than {@code pageSize} records.
	 */
	JdbcPagingItemReader<CallToRate> reader(DataSource dataSource, int pageSize, long minId, long maxId)
			throws Exception {
		Map<String, Object> parameters = new HashMap<>(this.parameters);
		parameters.put("minId", minId);
		parameters.put("maxId", maxId);
		return new JdbcPagingItemReaderBuilder<CallToRate>().name(READER_NAME)
			.dataSource(dataSource)
			.queryProvider(new CallsInIdOrder("id, customer_id, channel, direction, status, billable_seconds, "
					+ "carrier_cost", this.where + IN_RANGE))
			.parameterValues(parameters)
			.pageSize(pageSize)
			.fetchSize(pageSize)
			.rowMapper((rs, row) -> new CallToRate(rs.getLong("id"), rs.getString("customer_id"),
					Channel.parse(rs.getString("channel")), Direction.parse(rs.getString("direction")),
					rs.getString("status"), rs.getLong("billable_seconds"), rs.getBigDecimal("carrier_cost")))
			.build();
	}

}
