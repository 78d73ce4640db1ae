package org.billingreports.calls;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcBatchItemWriter;
import org.springframework.batch.infrastructure.item.database.builder.JdbcBatchItemWriterBuilder;

/**
 * Stores an import's call records, idempotent on (account, callId): a record imported before, or
 * twice in one file, is stored once.
 */
class CallRecordWriter implements ItemWriter<CallRecord> {

	private final JdbcBatchItemWriter<CallRecord> inserts;

	CallRecordWriter(CallImportRepository.CallImport callImport, DataSource dataSource) {
		this.inserts = new JdbcBatchItemWriterBuilder<CallRecord>().dataSource(dataSource)
			.sql("INSERT INTO call_record (account_id, call_id, customer_id, channel, direction, from_number, "
					+ "to_number, caller_name, start_time, answer_time, end_time, duration_seconds, billable_seconds, "
					+ "status, carrier_cost, import_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
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
		this.inserts.write(chunk);
	}

	private static OffsetDateTime utc(Instant instant) {
		return (instant != null) ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : null;
	}

}
