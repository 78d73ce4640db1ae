package org.billingreports.rating;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Rates a call with its customer's rate deck (issue 20): the call's billing row as {@link CallRater}
 * makes it, with the deck's charge as its raw cost when the record carries no carrier cost, or always
 * when the account says the deck replaces the carrier's cost.
 */
public final class DeckRater {

	/**
	 * The decimal places a billing row keeps of a charge: a ten-billionth of the currency, so that even a
	 * million calls on one line add up to less than 0.0001 of difference before the line's one rounding.
	 */
	public static final int CHARGE_SCALE = 10;

	private DeckRater() {
	}

	/** A charge as a billing row keeps it. */
	static BigDecimal stored(BigDecimal charge) {
		return charge.setScale(CHARGE_SCALE, LineCalculator.ROUNDING);
	}

	/**
	 * A call's billing row and how its raw cost was found.
	 * @param prefix the deck's prefix that priced it, or {@code null}
	 */
	public record PricedCall(RatedCall call, Pricing pricing, String prefix) {
	}

	/**
	 * The number a deck prices a call by: the far side's, the called number of an outbound call and the
	 * calling number of an inbound one.
	 */
	public static String farSide(Direction direction, String from, String to) {
		return (direction == Direction.OUTBOUND) ? to : from;
	}

	/**
	 * @param number the number on the far side of the call ({@link #farSide}) in E.164 (the called number of an outbound
	 * call, the calling number of an inbound one), or {@code null} when it has none
	 * @param deck the customer's deck, or {@code null}
	 */
	public static PricedCall rate(Channel channel, Direction direction, String status, long billableSeconds,
			BigDecimal carrierCost, String number, Instant start, RateDeck deck, boolean deckReplacesCarrierCost) {
		RatedCall call = CallRater.rate(channel, direction, status, billableSeconds, carrierCost);
		if (deck == null || !deck.prices(call.item()) || (!deckReplacesCarrierCost && call.rawCost().signum() != 0)) {
			return new PricedCall(call, Pricing.CARRIER, null);
		}
		RateDeck.Match match = deck.find(call.item(), number, start);
		boolean billable = call.units() > 0;
		if (match == null) {
			// Not answered, it costs nothing whatever the deck says: no reason to hold the report up.
			return billable ? new PricedCall(call, Pricing.UNMATCHED, null) : new PricedCall(call, Pricing.CARRIER, null);
		}
		BigDecimal charge = billable ? stored(match.tariff().charge(channel, billableSeconds)) : BigDecimal.ZERO;
		return new PricedCall(new RatedCall(call.item(), call.units(), charge), Pricing.DECK, match.prefix());
	}

}
