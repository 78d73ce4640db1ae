package org.billingreports.statement;

/**
 * Who a document is for. Carrier costs and the multipliers applied to them are the provider's
 * business: the provider's staff see them, a customer sees what it is charged without them.
 */
public enum Audience {

	/** SystemAdministrators and Managers: every column. */
	PROVIDER,

	/** A Customer user, or a link from a report a customer requested: no carrier cost, no multiplier. */
	CUSTOMER;

	public boolean seesCarrierCosts() {
		return this == PROVIDER;
	}

}
