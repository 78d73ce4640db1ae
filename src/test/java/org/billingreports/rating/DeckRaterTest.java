package org.billingreports.rating;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.billingreports.rating.DeckRater.PricedCall;

import static org.assertj.core.api.Assertions.assertThat;

class DeckRaterTest {

	private static final Instant START = Instant.parse("2026-10-05T09:00:00Z");

	private static final RateDeck DECK = RateDeck.builder("d", "Carrier", 3)
		.add(BillingItem.OUTBOUND_VOICE_CALLS, "44",
				new Tariff(new BigDecimal("0.10"), new BigDecimal("0.02"), 60, 30, 6, BigDecimal.ZERO), START, null)
		.build();

	private static PricedCall outbound(String status, long seconds, String carrierCost, String number,
			boolean replace) {
		return DeckRater.rate(Channel.VOICE, Direction.OUTBOUND, status, seconds, new BigDecimal(carrierCost), number,
				START, DECK, replace);
	}

	@Test
	void aCallWithoutCarrierCostIsChargedByItsPrefix() {
		// 75 s in 30/6 is 78 s: 0.10 + 78 × 0.02 / 60 = 0.126
		PricedCall call = outbound("completed", 75, "0", "+442079460000", false);
		assertThat(call.call().rawCost()).isEqualByComparingTo("0.126");
		assertThat(call.call().units()).isEqualTo(2);
		assertThat(call.pricing()).isEqualTo(Pricing.DECK);
		assertThat(call.prefix()).isEqualTo("44");
	}

	@Test
	void theCarriersCostStaysUnlessTheDeckReplacesIt() {
		assertThat(outbound("completed", 75, "0.5", "+442079460000", false))
			.isEqualTo(new PricedCall(new RatedCall(BillingItem.OUTBOUND_VOICE_CALLS, 2, new BigDecimal("0.5")),
					Pricing.CARRIER, null));
		assertThat(outbound("completed", 75, "0.5", "+442079460000", true).call().rawCost())
			.isEqualByComparingTo("0.126");
	}

	@Test
	void aBillableCallMatchingNoPrefixIsUnmatchedNeverSilentlyFree() {
		PricedCall call = outbound("completed", 75, "0", "+33142000000", false);
		assertThat(call.pricing()).isEqualTo(Pricing.UNMATCHED);
		assertThat(call.prefix()).isNull();
		assertThat(outbound("completed", 75, "0", null, false).pricing()).isEqualTo(Pricing.UNMATCHED);
	}

	@Test
	void anUnansweredCallCostsNothingAndIsNeverUnmatched() {
		PricedCall matched = outbound("no-answer", 0, "0", "+442079460000", false);
		assertThat(matched.call().rawCost()).isZero();
		assertThat(matched.pricing()).isEqualTo(Pricing.DECK);
		assertThat(outbound("busy", 0, "0", "+33142000000", false).pricing()).isEqualTo(Pricing.CARRIER);
	}

	@Test
	void itemsTheDeckHasNoRatesForKeepTheCarriersCost() {
		PricedCall inbound = DeckRater.rate(Channel.VOICE, Direction.INBOUND, "completed", 75, BigDecimal.ZERO,
				"+442079460000", START, DECK, true);
		assertThat(inbound.pricing()).isEqualTo(Pricing.CARRIER);
		assertThat(DeckRater.rate(Channel.VOICE, Direction.OUTBOUND, "completed", 75, BigDecimal.ZERO,
				"+442079460000", START, null, true).pricing()).isEqualTo(Pricing.CARRIER);
	}

}
