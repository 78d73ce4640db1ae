package org.billingreports.statement;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reports billed before statements existed keep every document: the migration that adds them (V9)
 * makes each such report's statement from its report and account, and its customers, in file order
 * with their subtotals, from its lines.
 */
class StatementMigrationTest {

	@Test
	void reportsBilledBeforeGetAStatementFromTheirLines() {
		SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
				"jdbc:h2:mem:migration-" + UUID.randomUUID()
						+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
				"sa", "");
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("8").load().migrate();
		JdbcClient jdbc = JdbcClient.create(dataSource);
		jdbc.sql("INSERT INTO account (id, name, time_zone_id, currency, created_at) "
				+ "VALUES ('old', 'Old Telecom', 'Europe/Berlin', 'EUR', CURRENT_TIMESTAMP)").update();
		jdbc.sql("INSERT INTO customer (id, account_id, name, override_billing_settings) VALUES "
				+ "('p', 'old', 'Parent', FALSE), ('k', 'old', 'Kid', FALSE)").update();
		jdbc.sql("UPDATE customer SET parent_customer_id = 'p' WHERE id = 'k'").update();
		jdbc.sql("INSERT INTO billing_report (id, account_id, name, start_date, end_date, period_start, period_end, "
				+ "include_customer_ids, created_at) VALUES ('r', 'old', 'July', '2026-07-01', '2026-07-31', "
				+ "TIMESTAMP WITH TIME ZONE '2026-06-30 22:00:00+00', "
				+ "TIMESTAMP WITH TIME ZONE '2026-07-31 22:00:00+00', "
				+ "TRUE, TIMESTAMP WITH TIME ZONE '2026-08-01 06:00:00+00')").update();
		jdbc.sql("INSERT INTO billing_line (report_id, line_number, customer_id, customer_name, item, quantity, "
				+ "allowance, billable, unit_cost, base_cost, raw_cost, amount) VALUES "
				+ "('r', 1, 'k', 'Kid', 0, 1, 0, 1, 0, 10, 0, 10.00), "
				+ "('r', 2, 'k', 'Kid', 4, 3, 0, 3, 0.02, 0, 0.1, 0.16), "
				+ "('r', 3, 'p', 'Parent', 0, 1, 0, 1, 0, 10, 0, 10.00)").update();

		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();

		Map<String, Object> statement = jdbc
			.sql("SELECT account_id, account_name, time_zone_id, currency, start_date, end_date, "
					+ "include_customer_ids, proration FROM billing_statement WHERE report_id = 'r'")
			.query()
			.singleRow();
		assertThat(statement).containsEntry("account_id", "old").containsEntry("account_name", "Old Telecom")
			.containsEntry("time_zone_id", "Europe/Berlin").containsEntry("start_date", "2026-07-01")
			.containsEntry("end_date", "2026-07-31").containsEntry("include_customer_ids", true)
			.containsEntry("proration", "none");
		assertThat(statement.get("currency").toString().strip()).isEqualTo("EUR");
		List<String> customers = jdbc
			.sql("SELECT position || ' ' || customer_id || ' ' || COALESCE(parent_customer_id, '-') || ' ' || subtotal "
					+ "FROM billing_customer WHERE report_id = 'r' ORDER BY position")
			.query(String.class)
			.list();
		assertThat(customers).containsExactly("1 k p 10.16", "2 p - 10.00");
		assertThat(jdbc.sql("SELECT proration FROM account WHERE id = 'old'").query(String.class).single())
			.isEqualTo("none");
	}

}
