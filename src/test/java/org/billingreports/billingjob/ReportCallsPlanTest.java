package org.billingreports.billingjob;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import org.billingreports.kernel.ReportVersion;
import org.billingreports.rating.BillingPeriod;
import org.billingreports.support.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rating statement reads a range of calls by id on H2 too, not the whole period through the
 * (account, start time) index for every range, which H2 chooses when left to itself.
 */
class ReportCallsPlanTest extends ApiTestSupport {

	@Autowired
	NamedParameterJdbcTemplate jdbc;

	@Test
	void eachRangeIsReadByIdOnH2() {
		ReportCalls calls = new ReportCalls(new ReportToBill(ReportVersion.first("r"), "a", "2026-07-01", "2026-07-31",
				new BillingPeriod(Instant.parse("2026-07-01T00:00:00Z"), Instant.parse("2026-08-01T00:00:00Z")), false,
				null));
		String plan = this.jdbc.queryForObject("EXPLAIN " + calls.ratingInsert(true, null),
				calls.parameters(new IdRange(1, 20_000)), String.class);
		assertThat(plan).contains("/* public.call_record_account_id: id >=");
	}

}
