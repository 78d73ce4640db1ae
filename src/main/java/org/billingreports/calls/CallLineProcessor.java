package org.billingreports.calls;

import java.time.ZoneId;
import java.util.Map;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/** Parses a line in its file's format and resolves the customer it names within the account. */
class CallLineProcessor implements ItemProcessor<CsvLine, CallRecord> {

	private final CallRecordFormat.CallLineParser parser;

	private final ZoneId zone;

	private final Map<String, String> customerIds;

	/**
	 * @param customerIds the account's customer ids, by id and by reference id
	 */
	CallLineProcessor(CallRecordFormat.CallLineParser parser, ZoneId zone, Map<String, String> customerIds) {
		this.parser = parser;
		this.zone = zone;
		this.customerIds = customerIds;
	}

	@Override
	public CallRecord process(CsvLine line) {
		CallRecord record = this.parser.parse(line.fields(), this.zone);
		String customerId = this.customerIds.get(record.customer());
		if (customerId == null) {
			throw new RejectedLineException("no customer of this account has the id or referenceId '"
					+ record.customer() + "'");
		}
		return record.withCustomer(customerId);
	}

}
