package org.billingreports.calls;

import java.util.Map;

import org.billingreports.rating.Direction;

/**
 * Finds a switch record's customer within the account, in order: by the customer or account code the record
 * names (a customer id or reference id; one the account does not have rejects the record); by the numbers
 * assigned to the account's customers (the called number of an inbound call, the calling number of an
 * outbound one); by the default customer (an import's {@code defaultCustomerId}, or for pushed records the
 * account's). A record whose customer is found none of these ways is rejected.
 */
final class CustomerFinder {

	private final AccountNumbers numbers;

	private final Map<String, String> customerIds;

	private final String defaultCustomerId;

	private final String record;

	private final String defaultNamedBy;

	/**
	 * @param customerIds the account's customer ids, by id and by reference id
	 * @param defaultCustomerId the customer of records that name none, or {@code null}
	 * @param record what a record is called in the reason of a rejection ("the line")
	 * @param defaultNamedBy what sets the default, for the same reason ("the import")
	 */
	CustomerFinder(AccountNumbers numbers, Map<String, String> customerIds, String defaultCustomerId, String record,
			String defaultNamedBy) {
		this.record = record;
		this.numbers = numbers;
		this.customerIds = customerIds;
		this.defaultCustomerId = defaultCustomerId;
		this.defaultNamedBy = defaultNamedBy;
	}

	CallRecord find(CallRecord record) {
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
		String byNumber = this.numbers.customerOf(ours);
		if (byNumber != null) {
			return record.withCustomer(byNumber, CallRecord.CustomerMatch.NUMBER);
		}
		if (this.defaultCustomerId != null) {
			return record.withCustomer(this.defaultCustomerId, CallRecord.CustomerMatch.DEFAULT_CUSTOMER);
		}
		throw new RejectedLineException(this.record + " names no customer (empty account code), its "
				+ (inbound ? "called" : "calling") + " number '" + ((ours != null) ? ours : "")
				+ "' is none of the account's, and " + this.defaultNamedBy + " has no defaultCustomerId");
	}

}
