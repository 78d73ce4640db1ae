package org.billingreports.calls;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcBatchItemWriter;
import org.springframework.batch.infrastructure.item.database.builder.JdbcBatchItemWriterBuilder;
import org.springframework.batch.infrastructure.support.DatabaseType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

import org.billingreports.batch.CopyRows;
import org.billingreports.kernel.Utc;

/**
 * Stores an import's call records, idempotent on (account, callId): a record imported before, or
 * twice in one file, is stored once; with {@code onDuplicate=replace} a changed one is stored as its
 * next revision ({@link CallRevisions}). On PostgreSQL a chunk is copied ({@code COPY}) into a temporary
 * table of the connection, emptied at each commit, and stored from there by one {@code INSERT …
 * SELECT}; elsewhere by batched inserts. Either way in the chunk's transaction.
 */
class CallRecordWriter implements ItemWriter<CallRecord> {

	static final String COLUMNS = "account_id, call_id, customer_id, channel, direction, from_number, "
			+ "to_number, caller_name, start_time, answer_time, end_time, duration_seconds, billable_seconds, "
			+ "status, carrier_cost, import_id";

	/** A chunk's records, in file order ({@code line}), before they are stored. */
	private static final String STAGE = "CREATE TEMPORARY TABLE IF NOT EXISTS call_record_stage (line INTEGER, "
			+ "account_id VARCHAR(64), call_id VARCHAR(150), customer_id VARCHAR(64), channel VARCHAR(5), "
			+ "direction VARCHAR(8), from_number VARCHAR(64), to_number VARCHAR(64), caller_name VARCHAR(200), "
			+ "start_time TIMESTAMP WITH TIME ZONE, answer_time TIMESTAMP WITH TIME ZONE, "
			+ "end_time TIMESTAMP WITH TIME ZONE, duration_seconds INTEGER, billable_seconds INTEGER, "
			+ "status VARCHAR(30), carrier_cost NUMERIC(28, 10), import_id VARCHAR(36)) ON COMMIT DELETE ROWS";

	private static final String STORE = "INSERT INTO call_record (" + COLUMNS + ") SELECT " + COLUMNS
			+ " FROM call_record_stage ORDER BY line ON CONFLICT DO NOTHING";

	private final CallImportRepository.CallImport callImport;

	private final DataSource dataSource;

	private final boolean copy;

	private final JdbcBatchItemWriter<CallRecord> inserts;

	/** Reused from chunk to chunk: one writer serves one import's thread. */
	private final CopyRows rows = new CopyRows();

	/** For an import with {@code onDuplicate=replace}: a changed line becomes the call's next revision. */
	private final CallRevisions revisions;

	CallRecordWriter(CallImportRepository.CallImport callImport, DataSource dataSource) throws Exception {
		this.callImport = callImport;
		this.dataSource = dataSource;
		this.copy = DatabaseType.fromMetaData(dataSource) == DatabaseType.POSTGRES;
		this.inserts = new JdbcBatchItemWriterBuilder<CallRecord>().dataSource(dataSource)
			.sql("INSERT INTO call_record (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
					+ "ON CONFLICT DO NOTHING")
			.itemPreparedStatementSetter((call, ps) -> bind(ps, call, callImport.accountId(), callImport.id()))
			.assertUpdates(false)
			.build();
		this.inserts.afterPropertiesSet();
		this.revisions = (callImport.onDuplicate() == OnDuplicate.replace)
				? new CallRevisions(new JdbcTemplate(dataSource), callImport) : null;
	}

	/**
	 * Sets the first 16 parameters of an insert of {@link #COLUMNS}: the record as it is stored.
	 * @param importId the import that stores it, or {@code null} for a record a switch pushed
	 */
	static void bind(PreparedStatement ps, CallRecord call, String accountId, String importId) throws SQLException {
		ps.setString(1, accountId);
		ps.setString(2, call.callId());
		ps.setString(3, call.customer());
		ps.setString(4, call.channel().code());
		ps.setString(5, call.direction().code());
		ps.setString(6, call.from());
		ps.setString(7, call.to());
		ps.setString(8, call.callerName());
		ps.setObject(9, Utc.of(call.startTime()));
		ps.setObject(10, Utc.of(call.answerTime()));
		ps.setObject(11, Utc.of(call.endTime()));
		ps.setLong(12, call.durationSeconds());
		ps.setLong(13, call.billableSeconds());
		ps.setString(14, call.status());
		ps.setBigDecimal(15, call.carrierCost());
		ps.setString(16, importId);
	}

	@Override
	public void write(Chunk<? extends CallRecord> chunk) throws Exception {
		if (this.revisions != null) {
			this.revisions.store(chunk.getItems());
			return;
		}
		if (!this.copy || chunk.isEmpty()) {
			this.inserts.write(chunk);
			return;
		}
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try (Statement statement = connection.createStatement()) {
			statement.execute(STAGE);
			copy(connection, chunk);
			statement.executeUpdate(STORE);
		}
	}

	private void copy(Connection connection, Chunk<? extends CallRecord> chunk) throws SQLException {
		int line = 0;
		for (CallRecord call : chunk) {
			this.rows.field(String.valueOf(line++))
				.field(this.callImport.accountId())
				.field(call.callId())
				.field(call.customer())
				.field(call.channel().code())
				.field(call.direction().code())
				.field(call.from())
				.field(call.to())
				.field(call.callerName())
				.field(time(call.startTime()))
				.field(time(call.answerTime()))
				.field(time(call.endTime()))
				.field(String.valueOf(call.durationSeconds()))
				.field(String.valueOf(call.billableSeconds()))
				.field(call.status())
				.field(call.carrierCost().toPlainString())
				.field(this.callImport.id())
				.endRow();
		}
		this.rows.copy(connection, "COPY call_record_stage FROM STDIN");
	}

	private static String time(Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

}
