package org.billingreports.report;

/**
 * Why a completed report version no longer tells the truth: what changed in its inputs since it ran.
 *
 * @param kind {@code lateCalls} (call records of its period it did not bill), {@code correctedCalls}
 * (records it billed that have a newer revision), {@code rateDeck} (a new version of a deck it was
 * rated with, with other rates in its period), {@code billingSettings} (the account's or a customer's
 * prices or proration) or {@code customers} (the customer tree, names or phone numbers)
 * @param count how many: calls, rates, or changes
 * @param since when the first of them was committed (ISO-8601 UTC)
 * @param detail what a person should know, e.g. "37 call records of the period were imported after it ran"
 */
public record OutOfDateReason(String kind, long count, String since, String detail) {
}
