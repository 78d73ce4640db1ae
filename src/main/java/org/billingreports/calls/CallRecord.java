package org.billingreports.calls;

import java.math.BigDecimal;
import java.time.Instant;

import org.billingreports.rating.Channel;
import org.billingreports.rating.Direction;

/**
 * A call record as the switch reported it ({@code formats.md}, Call records in). {@code customer} is what the line named:
 * a customer id or reference id, resolved to the customer id before the record is stored.
 *
 * @param customerFoundBy how the stored customer was found ({@code null} until then); not stored
 * @param identityFromContent whether {@code callId} was made from the line's content (a hash), not
 * given by the switch: such a record cannot be corrected, since a changed line is another call
 */
public record CallRecord(String callId, String customer, Channel channel, Direction direction, String from,
		String to, String callerName, Instant startTime, Instant answerTime, Instant endTime, long durationSeconds,
		long billableSeconds, String status, BigDecimal carrierCost, CustomerMatch customerFoundBy,
		boolean identityFromContent) {

	/** How a line's customer was found, in the order they are tried. */
	public enum CustomerMatch {

		/** the line's customer or account code: a customer id or reference id */
		ACCOUNT_CODE,
		/** the called number of an inbound call, the calling number of an outbound one */
		NUMBER,
		/** the import's {@code defaultCustomerId} */
		DEFAULT_CUSTOMER

	}

	/** As a file's line gives it, its customer not yet found. */
	public CallRecord(String callId, String customer, Channel channel, Direction direction, String from, String to,
			String callerName, Instant startTime, Instant answerTime, Instant endTime, long durationSeconds,
			long billableSeconds, String status, BigDecimal carrierCost) {
		this(callId, customer, channel, direction, from, to, callerName, startTime, answerTime, endTime,
				durationSeconds, billableSeconds, status, carrierCost, null, false);
	}

	CallRecord withCustomer(String customerId, CustomerMatch foundBy) {
		return new CallRecord(this.callId, customerId, this.channel, this.direction, this.from, this.to,
				this.callerName, this.startTime, this.answerTime, this.endTime, this.durationSeconds,
				this.billableSeconds, this.status, this.carrierCost, foundBy, this.identityFromContent);
	}

	/** The same record, its identity made from the line's content. */
	CallRecord identifiedByContent(boolean fromContent) {
		return new CallRecord(this.callId, this.customer, this.channel, this.direction, this.from, this.to,
				this.callerName, this.startTime, this.answerTime, this.endTime, this.durationSeconds,
				this.billableSeconds, this.status, this.carrierCost, this.customerFoundBy, fromContent);
	}

}
