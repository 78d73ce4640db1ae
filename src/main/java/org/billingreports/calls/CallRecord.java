package org.billingreports.calls;

import java.math.BigDecimal;
import java.time.Instant;

import org.billingreports.rating.Channel;
import org.billingreports.rating.Direction;

/**
 * A call record as the switch reported it (SPEC section 6). {@code customer} is what the line named:
 * a customer id or reference id, resolved to the customer id before the record is stored.
 */
public record CallRecord(String callId, String customer, Channel channel, Direction direction, String from,
		String to, String callerName, Instant startTime, Instant answerTime, Instant endTime, long durationSeconds,
		long billableSeconds, String status, BigDecimal carrierCost) {

	CallRecord withCustomer(String customerId) {
		return new CallRecord(this.callId, customerId, this.channel, this.direction, this.from, this.to,
				this.callerName, this.startTime, this.answerTime, this.endTime, this.durationSeconds,
				this.billableSeconds, this.status, this.carrierCost);
	}

}
