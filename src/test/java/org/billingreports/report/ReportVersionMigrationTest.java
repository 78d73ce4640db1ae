package org.billingreports.report;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A database of reports billed before versions existed (the schema of V12) is migrated with everything
 * its reports billed kept as their version 1: rows, lines, statement, customers, rate decks, executions
 * and notifications; the tables keyed by report take a second version of it; call records keep their
 * identity as revision 1. H2 here; {@link ReportVersionMigrationPostgresTest} on PostgreSQL.
 */
class ReportVersionMigrationTest {

	protected DataSource dataSource() {
		return new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:mem:versions-" + UUID.randomUUID()
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
	}

	@Test
	void reportsBilledBeforeVersionsAreTheirVersionOne() {
		DataSource dataSource = dataSource();
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("12").load().migrate();
		JdbcClient jdbc = JdbcClient.create(dataSource);
		jdbc.sql("INSERT INTO account (id, name, time_zone_id, currency, created_at) "
				+ "VALUES ('old', 'Old Telecom', 'UTC', 'EUR', CURRENT_TIMESTAMP)").update();
		jdbc.sql("INSERT INTO customer (id, account_id, name, override_billing_settings) VALUES ('k', 'old', 'Kid', FALSE)")
			.update();
		jdbc.sql("INSERT INTO call_record (id, account_id, call_id, customer_id, channel, direction, start_time, "
				+ "duration_seconds, billable_seconds, status, carrier_cost) VALUES (7, 'old', 'c7', 'k', 'voice', "
				+ "'outbound', TIMESTAMP WITH TIME ZONE '2026-07-02 10:00:00+00', 60, 60, 'completed', 0.1)").update();
		jdbc.sql("INSERT INTO billing_report (id, account_id, name, start_date, end_date, period_start, period_end, "
				+ "include_customer_ids, created_by, created_at) VALUES ('r', 'old', 'July', '2026-07-01', '2026-07-31', "
				+ "TIMESTAMP WITH TIME ZONE '2026-07-01 00:00:00+00', TIMESTAMP WITH TIME ZONE '2026-08-01 00:00:00+00', "
				+ "TRUE, 'ops', TIMESTAMP WITH TIME ZONE '2026-08-01 06:00:00+00')").update();
		jdbc.sql("INSERT INTO report_execution (job_execution_id, report_id, node) VALUES (41, 'r', 'n1')").update();
		jdbc.sql("INSERT INTO billing_row (report_id, call_record_id, customer_id, item, units, raw_cost, pricing, "
				+ "rate_deck_id, rate_prefix) VALUES ('r', 7, 'k', 4, 1, 0.1, 'deck', 'd', '44')").update();
		jdbc.sql("INSERT INTO billing_line (report_id, line_number, customer_id, customer_name, item, quantity, "
				+ "allowance, billable, unit_cost, base_cost, raw_cost, amount, raw_unit_multiplier, rate_deck) VALUES "
				+ "('r', 1, 'k', 'Kid', 4, 1, 0, 1, 0.01, 0, 0.1, 0.11, 1, 'Retail v3')").update();
		jdbc.sql("INSERT INTO billing_statement (report_id, account_id, account_name, time_zone_id, currency, start_date, "
				+ "end_date, period_start, period_end, include_customer_ids, proration, generated_at) VALUES ('r', 'old', "
				+ "'Old Telecom', 'UTC', 'EUR', '2026-07-01', '2026-07-31', TIMESTAMP WITH TIME ZONE '2026-07-01 00:00:00+00', "
				+ "TIMESTAMP WITH TIME ZONE '2026-08-01 00:00:00+00', TRUE, 'none', CURRENT_TIMESTAMP)").update();
		jdbc.sql("INSERT INTO billing_customer (report_id, position, customer_id, customer_name, subtotal) "
				+ "VALUES ('r', 1, 'k', 'Kid', 0.11)").update();
		jdbc.sql("INSERT INTO rate_deck (id, account_id, name, version) VALUES ('d', 'old', 'Retail', 3)").update();
		jdbc.sql("INSERT INTO report_rate_deck (report_id, customer_id, deck_id, deck_name, version) "
				+ "VALUES ('r', 'k', 'd', 'Retail', 3)").update();
		jdbc.sql("INSERT INTO report_rate_deck_item (report_id, customer_id, item) VALUES ('r', 'k', 4)").update();
		jdbc.sql("INSERT INTO notification (id, report_id, job_execution_id, channel, target, event, payload, status, "
				+ "attempts, created_at) VALUES ('n', 'r', 41, 'email', 'ops@example.com', 'report.completed', '{}', "
				+ "'delivered', 1, CURRENT_TIMESTAMP)").update();

		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();

		assertThat(jdbc.sql("SELECT version, started_by FROM report_version WHERE report_id = 'r'").query().listOfRows())
			.containsExactly(Map.of("version", 1, "started_by", "ops"));
		for (String table : List.of("report_execution", "billing_row", "billing_line", "billing_statement",
				"billing_customer", "report_rate_deck", "report_rate_deck_item", "notification")) {
			assertThat(jdbc.sql("SELECT version FROM " + table + " WHERE report_id = 'r'").query(Integer.class).list())
				.as(table)
				.containsExactly(1);
		}
		assertThat(jdbc.sql("SELECT rate_prefix FROM billing_row WHERE report_id = 'r'").query(String.class).single())
			.isEqualTo("44");
		assertThat(jdbc.sql("SELECT rate_deck FROM billing_line WHERE report_id = 'r'").query(String.class).single())
			.isEqualTo("Retail v3");
		assertThat(jdbc.sql("SELECT deck_version FROM report_rate_deck WHERE report_id = 'r'").query(Integer.class)
			.single()).isEqualTo(3);
		assertThat(jdbc.sql("SELECT revision FROM call_record WHERE id = 7").query(Integer.class).single()).isOne();

		// A second version of the same report and call is a row of its own; the same version twice is not.
		jdbc.sql("INSERT INTO report_version (report_id, version, started_by, created_at) "
				+ "VALUES ('r', 2, 'ops', CURRENT_TIMESTAMP)").update();
		jdbc.sql("INSERT INTO billing_row (report_id, version, call_record_id, customer_id, item, units, raw_cost) "
				+ "VALUES ('r', 2, 7, 'k', 4, 1, 0.1)").update();
		assertThatThrownBy(() -> jdbc.sql("INSERT INTO billing_row (report_id, version, call_record_id, customer_id, "
				+ "item, units, raw_cost) VALUES ('r', 2, 7, 'k', 4, 1, 0.1)").update())
			.isInstanceOf(DuplicateKeyException.class);
		// A call's next revision is a row of its own; the same revision twice is not.
		jdbc.sql("INSERT INTO call_record (account_id, call_id, revision, customer_id, channel, direction, start_time, "
				+ "duration_seconds, billable_seconds, status, carrier_cost) VALUES ('old', 'c7', 2, 'k', 'voice', "
				+ "'outbound', TIMESTAMP WITH TIME ZONE '2026-07-02 10:00:00+00', 90, 90, 'completed', 0.2)").update();
		assertThatThrownBy(() -> jdbc.sql("INSERT INTO call_record (account_id, call_id, customer_id, channel, "
				+ "direction, start_time, duration_seconds, billable_seconds, status, carrier_cost) VALUES ('old', 'c7', "
				+ "'k', 'voice', 'outbound', CURRENT_TIMESTAMP, 1, 1, 'completed', 0)").update())
			.isInstanceOf(DuplicateKeyException.class);
		// Deleting the report takes its versions and everything keyed by them.
		jdbc.sql("DELETE FROM billing_report WHERE id = 'r'").update();
		for (String table : List.of("report_version", "billing_statement", "billing_customer", "report_rate_deck",
				"report_rate_deck_item")) {
			assertThat(jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single()).as(table).isZero();
		}
	}

}
