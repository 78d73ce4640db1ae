package org.billingreports.statement;

import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.billingreports.rating.Decimals;

/**
 * {@code GET /reports/{id}/calls.csv}: one line per rated call, for machines. Its quantities and raw
 * costs sum, per customer and item, to the billing file's. A customer's file has no {@code rawCost}
 * column, nor how it was priced ({@code pricing}, {@code rateDeck}, {@code ratePrefix}).
 */
final class CallDetailCsv {

	private static final List<String> HEADER = List.of("reportId", "accountId", "customerId", "customerName",
			"callId", "startTime", "channel", "direction", "status", "from", "to", "durationSeconds",
			"billableSeconds", "units", "unit", "item", "rawCost", "pricing", "rateDeck", "ratePrefix");

	/** The columns a customer's file has: all but what the provider paid and how it priced it. */
	private static final int CUSTOMER_COLUMNS = HEADER.indexOf("rawCost");

	private CallDetailCsv() {
	}

	static void write(Statement statement, Audience audience, RowSource<RatedCall> calls, OutputStream out)
			throws IOException {
		boolean rawCost = audience.seesCarrierCosts();
		List<String> header = rawCost ? HEADER : HEADER.subList(0, CUSTOMER_COLUMNS);
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
				values.add(Decimals.plain(call.rawCost()).toPlainString());
				values.add(call.pricing());
				values.add(SafeText.csv(call.rateDeck()));
				values.add(call.ratePrefix());
			}
			return values;
		});
	}

}
