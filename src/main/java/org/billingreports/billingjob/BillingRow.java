package org.billingreports.billingjob;

import org.billingreports.rating.RatedCall;

/** One rated call record of a report, keyed in the database by (report, call record). */
public record BillingRow(long callRecordId, String customerId, RatedCall rated) {
}
