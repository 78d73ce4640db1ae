package org.billingreports.billingjob;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.datasource.DataSourceUtils;

import org.billingreports.monitoring.BillingMetrics;

/**
 * Rates the report's call records of each id range, in the chunk's transaction: in one {@code INSERT …
 * SELECT} ({@link SqlRating}), or, for a report priced by rate decks, through the decks in this JVM
 * ({@link DeckRating}). A range is never rated twice (the reader's position commits with its rows),
 * yet should a row of it exist already, the range is rolled back to a savepoint and rated again keeping
 * the existing rows: a restart never duplicates a row. (Not always so: it makes each insert check the
 * key first, 1.6 times the cost.) How many call records it has rated is kept in the step execution
 * context, for the report's progress.
 */
class RangeRater implements ItemStreamWriter<IdRange> {

	static final String RATED = BillingJob.CALLS_RATED;

	/** How the billing rows of one range are made. */
	interface Rating {

		/**
		 * @param keepingExistingRows whether a row that exists already is kept instead of failing the insert
		 * @return the rows written
		 */
		int rate(IdRange range, boolean keepingExistingRows) throws SQLException;

	}

	private final Rating rating;

	private final DataSource dataSource;

	private final BillingMetrics metrics;

	private long rated;

	RangeRater(Rating rating, DataSource dataSource, BillingMetrics metrics) {
		this.rating = rating;
		this.dataSource = dataSource;
		this.metrics = metrics;
	}

	@Override
	public void open(ExecutionContext context) {
		this.rated = context.getLong(RATED, 0);
	}

	@Override
	public void write(Chunk<? extends IdRange> ranges) throws SQLException {
		for (IdRange range : ranges) {
			int rows = rate(range);
			this.rated += rows;
			this.metrics.callsRated(rows);
		}
	}

	private int rate(IdRange range) throws SQLException {
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		Savepoint savepoint = connection.setSavepoint();
		try {
			int rows = this.rating.rate(range, false);
			connection.releaseSavepoint(savepoint);
			return rows;
		}
		catch (DuplicateKeyException rowsExist) {
			connection.rollback(savepoint);
			return this.rating.rate(range, true);
		}
	}

	@Override
	public void update(ExecutionContext context) {
		context.putLong(RATED, this.rated);
	}

}
