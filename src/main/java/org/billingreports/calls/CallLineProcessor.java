package org.billingreports.calls;

import java.util.Map;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import org.billingreports.rating.Direction;

/**
 * Parses a line in its file's format and finds its customer within the account, in order: by the
 * customer or account code the line names (a customer id or reference id; one the account does not have
 * rejects the line); by the numbers assigned to the account's customers (the called number of an
 * inbound call, the calling number of an outbound one); by the import's default customer. A line whose
 * customer is found none of these ways is rejected.
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
		if (named != null && !named.isBlank()) {
			String customerId = this.customerIds.get(named.strip());
			if (customerId == null) {
				throw new RejectedLineException("no customer of this account has the id or referenceId '" + named + "'");
			}
			return record.withCustomer(customerId, CallRecord.CustomerMatch.ACCOUNT_CODE);
		}
		boolean inbound = record.direction() == Direction.INBOUND;
		String ours = inbound ? record.to() : record.from();
		String byNumber = this.context.numbers().customerOf(ours);
		if (byNumber != null) {
			return record.withCustomer(byNumber, CallRecord.CustomerMatch.NUMBER);
		}
		if (this.defaultCustomerId != null) {
			return record.withCustomer(this.defaultCustomerId, CallRecord.CustomerMatch.DEFAULT_CUSTOMER);
		}
		throw new RejectedLineException("the line names no customer (empty account code), its "
				+ (inbound ? "called" : "calling") + " number '" + ((ours != null) ? ours : "")
				+ "' is none of the account's, and the import has no defaultCustomerId");
	}

}
