package org.billingreports.statement;

import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /reports/{id}/calls.csv}: one line per rated call, for machines. Its quantities and raw
 * costs sum, per customer and item, to the billing file's. A customer's file has no {@code rawCost}
 * column.
 */
final class CallDetailCsv {

	private static final List<String> HEADER = List.of("reportId", "accountId", "customerId", "customerName",
			"callId", "startTime", "channel", "direction", "status", "from", "to", "durationSeconds",
			"billableSeconds", "units", "unit", "item", "rawCost");

	private CallDetailCsv() {
	}

	static void write(Statement statement, Audience audience, RowSource<RatedCall> calls, OutputStream out)
			throws IOException {
		boolean rawCost = audience.seesCarrierCosts();
		List<String> header = rawCost ? HEADER : HEADER.subList(0, HEADER.size() - 1);
		ZoneId zone = statement.zone();
		new CsvOutput(out, header).rows(calls, call -> {
			List<Object> values = new ArrayList<>(header.size());
			values.add(statement.reportId());
			values.add(statement.accountId());
			values.add(SafeText.csv(call.customerId()));
			values.add(SafeText.csv(call.customerName()));
			values.add(SafeText.csv(call.callId()));
			values.add(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(call.startTime().atZone(zone)));
			values.add(call.channel());
			values.add(call.direction());
			values.add(SafeText.csv(call.status()));
			values.add(SafeText.csv(call.from()));
			values.add(SafeText.csv(call.to()));
			values.add(call.durationSeconds());
			values.add(call.billableSeconds());
			values.add(call.units());
			values.add(Units.of(call.item()));
			values.add(call.item().displayName());
			if (rawCost) {
				values.add(BillingFileColumns.plain(call.rawCost()).toPlainString());
			}
			return values;
		});
	}

}
