package org.billingreports.calls;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcBatchItemWriter;
import org.springframework.batch.infrastructure.item.database.builder.JdbcBatchItemWriterBuilder;
import org.springframework.batch.infrastructure.support.DatabaseType;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Stores an import's call records, idempotent on (account, callId): a record imported before, or
 * twice in one file, is stored once. On PostgreSQL a chunk is copied ({@code COPY}) into a temporary
 * table of the connection, emptied at each commit, and stored from there by one {@code INSERT …
 * SELECT}; elsewhere by batched inserts. Either way in the chunk's transaction.
 */
class CallRecordWriter implements ItemWriter<CallRecord> {

	private static final String COLUMNS = "account_id, call_id, customer_id, channel, direction, from_number, "
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
	private final StringBuilder rows = new StringBuilder();

	CallRecordWriter(CallImportRepository.CallImport callImport, DataSource dataSource) throws Exception {
		this.callImport = callImport;
		this.dataSource = dataSource;
		this.copy = DatabaseType.fromMetaData(dataSource) == DatabaseType.POSTGRES;
		this.inserts = new JdbcBatchItemWriterBuilder<CallRecord>().dataSource(dataSource)
			.sql("INSERT INTO call_record (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
					+ "ON CONFLICT DO NOTHING")
			.itemPreparedStatementSetter((call, ps) -> {
				ps.setString(1, callImport.accountId());
				ps.setString(2, call.callId());
				ps.setString(3, call.customer());
				ps.setString(4, call.channel().code());
				ps.setString(5, call.direction().code());
				ps.setString(6, call.from());
				ps.setString(7, call.to());
				ps.setString(8, call.callerName());
				ps.setObject(9, utc(call.startTime()));
				ps.setObject(10, utc(call.answerTime()));
				ps.setObject(11, utc(call.endTime()));
				ps.setLong(12, call.durationSeconds());
				ps.setLong(13, call.billableSeconds());
				ps.setString(14, call.status());
				ps.setBigDecimal(15, call.carrierCost());
				ps.setString(16, callImport.id());
			})
			.assertUpdates(false)
			.build();
		this.inserts.afterPropertiesSet();
	}

	@Override
	public void write(Chunk<? extends CallRecord> chunk) throws Exception {
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
		StringBuilder text = this.rows;
		text.setLength(0);
		int line = 0;
		for (CallRecord call : chunk) {
			text.append(line++);
			field(text, this.callImport.accountId());
			field(text, call.callId());
			field(text, call.customer());
			field(text, call.channel().code());
			field(text, call.direction().code());
			field(text, call.from());
			field(text, call.to());
			field(text, call.callerName());
			field(text, time(call.startTime()));
			field(text, time(call.answerTime()));
			field(text, time(call.endTime()));
			field(text, String.valueOf(call.durationSeconds()));
			field(text, String.valueOf(call.billableSeconds()));
			field(text, call.status());
			field(text, call.carrierCost().toPlainString());
			field(text, this.callImport.id());
			text.append('\n');
		}
		byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
		CopyIn copyIn = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY call_record_stage FROM STDIN");
		try {
			copyIn.writeToCopy(bytes, 0, bytes.length);
			copyIn.endCopy();
		}
		finally {
			if (copyIn.isActive()) {
				copyIn.cancelCopy();
			}
		}
	}

	/** A tab, then the value in COPY's text format: {@code \N} for null, backslash, tab and line breaks escaped. */
	private static void field(StringBuilder text, String value) {
		text.append('\t');
		if (value == null) {
			text.append("\\N");
			return;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> text.append("\\\\");
				case '\t' -> text.append("\\t");
				case '\n' -> text.append("\\n");
				case '\r' -> text.append("\\r");
				default -> text.append(c);
			}
		}
	}

	private static String time(Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

	private static OffsetDateTime utc(Instant instant) {
		return (instant != null) ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : null;
	}

}
