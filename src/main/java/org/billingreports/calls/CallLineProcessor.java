package org.billingreports.calls;

import java.util.Map;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Parses a line in its file's format and resolves the customer it names within the account; a line
 * that names none (a switch record with an empty account code) belongs to the import's default
 * customer, if it has one.
 */
class CallLineProcessor implements ItemProcessor<CsvLine, CallRecord> {

	private final CallRecordFormat.CallLineParser parser;

	private final ImportContext context;

	private final Map<String, String> customerIds;

	private final String defaultCustomerId;

	/**
	 * @param customerIds the account's customer ids, by id and by reference id
	 * @param defaultCustomerId the customer of lines that name none, or {@code null}
	 */
	CallLineProcessor(CallRecordFormat.CallLineParser parser, ImportContext context, Map<String, String> customerIds,
			String defaultCustomerId) {
		this.parser = parser;
		this.context = context;
		this.customerIds = customerIds;
		this.defaultCustomerId = defaultCustomerId;
	}

	@Override
	public CallRecord process(CsvLine line) {
		CallRecord record = this.parser.parse(line, this.context);
		String named = record.customer();
		if (named == null || named.isBlank()) {
			if (this.defaultCustomerId == null) {
				throw new RejectedLineException(
						"the line names no customer (empty account code) and the import has no defaultCustomerId");
			}
			return record.withCustomer(this.defaultCustomerId);
		}
		String customerId = this.customerIds.get(named.strip());
		if (customerId == null) {
			throw new RejectedLineException("no customer of this account has the id or referenceId '" + named + "'");
		}
		return record.withCustomer(customerId);
	}

}
