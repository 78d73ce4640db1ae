package org.billingreports.rating;

/** Where a billing row's raw cost comes from; {@link #code()} is stored with the row. */
public enum Pricing {

	/** The carrier's cost in the call record, as always without a rate deck. */
	CARRIER("carrier"),
	/** The charge of the rate deck's longest matching prefix. */
	DECK("deck"),
	/** The deck has rates for the call's item but no prefix in force matches its number. */
	UNMATCHED("unmatched"),
	/** Matched no prefix, and charged at the account's fallback rate. */
	FALLBACK("fallback");

	private final String code;

	Pricing(String code) {
		this.code = code;
	}

	public String code() {
		return this.code;
	}

	public static Pricing ofCode(String code) {
		for (Pricing pricing : values()) {
			if (pricing.code.equals(code)) {
				return pricing;
			}
		}
		throw new IllegalArgumentException("Unknown pricing " + code);
	}

}
