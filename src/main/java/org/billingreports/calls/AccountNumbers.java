package org.billingreports.calls;

import java.util.Map;

import org.billingreports.rating.E164;

/**
 * The phone numbers assigned to an account's customers, to find a switch line's customer and
 * direction by its numbers: a number as the switch wrote it is read in E.164 with the account's
 * default country code first.
 *
 * @param customers the customer of each number, by its E.164 form
 * @param countryCode the account's default country code, or {@code null}
 */
record AccountNumbers(Map<String, String> customers, String countryCode) {

	static final AccountNumbers NONE = new AccountNumbers(Map.of(), null);

	/** The customer the number is assigned to, or {@code null} when it is none of the account's. */
	String customerOf(String number) {
		if (this.customers.isEmpty() || number == null || number.isBlank()) {
			return null;
		}
		String e164 = E164.of(number, this.countryCode);
		return (e164 != null) ? this.customers.get(e164) : null;
	}

	boolean isOwn(String number) {
		return customerOf(number) != null;
	}

}
