package org.billingreports.database;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.support.DatabaseType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;

/**
 * PostgreSQL plans a query by its statistics of the tables, which it refreshes on its own (autovacuum)
 * only once a tenth of a table has changed, and up to a minute later. A table that a job has just grown
 * many times over (a first report's billing rows, a first import's call records) is then planned as if it
 * were still small, with nested loops over what are now millions of rows: a recount or a comparison that
 * takes a second takes hours. After such a job the table's statistics are refreshed at once. H2 counts
 * its rows exactly: nothing to do there.
 */
@Component
public class TableStatistics {

	/** Refreshed when the rows just written are more than this share of what the statistics know of. */
	private static final double STALE = 0.1;

	private final JdbcClient jdbc;

	private final boolean postgres;

	TableStatistics(JdbcClient jdbc, DataSource dataSource) throws MetaDataAccessException {
		this.jdbc = jdbc;
		this.postgres = DatabaseType.fromMetaData(dataSource) == DatabaseType.POSTGRES;
	}

	/**
	 * Refreshes the table's statistics if the rows a job just wrote to it are a large share of what they
	 * know (or they know nothing yet).
	 * @param table a table of the service's schema, as named in the migrations
	 */
	public void afterWriting(String table, long rowsWritten) {
		if (!this.postgres || rowsWritten == 0) {
			return;
		}
		double known = this.jdbc.sql("SELECT reltuples FROM pg_class WHERE oid = to_regclass(?)")
			.param(table)
			.query(Double.class)
			.optional()
			.orElse(-1.0);
		if (known < 0 || rowsWritten > STALE * known) {
			this.jdbc.sql("ANALYZE " + table).update();
		}
	}

}
