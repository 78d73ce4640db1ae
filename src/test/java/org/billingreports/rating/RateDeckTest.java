package org.billingreports.rating;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateDeckTest {

	private static final Instant JANUARY = Instant.parse("2026-01-01T00:00:00Z");

	private static final Instant JULY = Instant.parse("2026-07-01T00:00:00Z");

	private static final BillingItem OUT = BillingItem.OUTBOUND_VOICE_CALLS;

	private static Tariff perMinute(String rate) {
		return Tariff.perMinute(new BigDecimal(rate));
	}

	@Test
	void theLongestMatchingPrefixWins() {
		RateDeck deck = RateDeck.builder("d", "Carrier", 1)
			.add(OUT, "44", perMinute("0.02"), JANUARY, null)
			.add(OUT, "447", perMinute("0.09"), JANUARY, null)
			.add(OUT, "4477", perMinute("0.12"), JANUARY, null)
			.add(OUT, "1", perMinute("0.01"), JANUARY, null)
			.build();
		Instant at = JANUARY.plusSeconds(60);
		assertThat(deck.find(OUT, "+442079460000", at)).isEqualTo(new RateDeck.Match("44", perMinute("0.02")));
		assertThat(deck.find(OUT, "+447911123456", at).prefix()).isEqualTo("447");
		assertThat(deck.find(OUT, "+447711123456", at).prefix()).isEqualTo("4477");
		assertThat(deck.find(OUT, "+12125550100", at).prefix()).isEqualTo("1");
		assertThat(deck.find(OUT, "+33142000000", at)).isNull();
		assertThat(deck.find(OUT, null, at)).isNull();
		assertThat(deck.find(OUT, "2001", at)).as("an extension is no E.164 number").isNull();
	}

	@Test
	void onlyTheItemsWithRatesArePricedAndEachByItsOwnRates() {
		RateDeck deck = RateDeck.builder("d", "Carrier", 1)
			.add(OUT, "44", perMinute("0.02"), JANUARY, null)
			.add(BillingItem.OUTBOUND_SMS_MESSAGES, "44", perMinute("0.04"), JANUARY, null)
			.build();
		assertThat(deck.prices(OUT)).isTrue();
		assertThat(deck.prices(BillingItem.INBOUND_VOICE_CALLS)).isFalse();
		assertThat(deck.find(BillingItem.OUTBOUND_SMS_MESSAGES, "+447911123456", JULY).tariff())
			.isEqualTo(perMinute("0.04"));
		assertThat(deck.find(BillingItem.INBOUND_VOICE_CALLS, "+447911123456", JULY)).isNull();
	}

	@Test
	void theRateInForceAtTheCallsStartApplies() {
		RateDeck deck = RateDeck.builder("d", "Carrier", 1)
			.add(OUT, "44", perMinute("0.02"), JANUARY, null)
			// A price rise announced from July, without closing the January line: the later start wins.
			.add(OUT, "44", perMinute("0.03"), JULY, null)
			// A promotion in force for March only, on a longer prefix.
			.add(OUT, "447", perMinute("0.01"), Instant.parse("2026-03-01T00:00:00Z"),
					Instant.parse("2026-04-01T00:00:00Z"))
			.build();
		assertThat(deck.find(OUT, "+442079460000", JANUARY.minusSeconds(1))).as("before any rate").isNull();
		assertThat(deck.find(OUT, "+442079460000", JANUARY).tariff()).isEqualTo(perMinute("0.02"));
		assertThat(deck.find(OUT, "+442079460000", JULY.minusSeconds(1)).tariff()).isEqualTo(perMinute("0.02"));
		assertThat(deck.find(OUT, "+442079460000", JULY).tariff()).isEqualTo(perMinute("0.03"));
		assertThat(deck.find(OUT, "+447911123456", Instant.parse("2026-03-31T23:59:59Z")))
			.isEqualTo(new RateDeck.Match("447", perMinute("0.01")));
		assertThat(deck.find(OUT, "+447911123456", Instant.parse("2026-04-01T00:00:00Z")))
			.as("the promotion ended: the shorter prefix in force applies")
			.isEqualTo(new RateDeck.Match("44", perMinute("0.02")));
	}

	@Test
	void aHundredThousandPrefixesAreFoundExactly() {
		RateDeck.Builder builder = RateDeck.builder("d", "Big", 1);
		for (int i = 0; i < 100_000; i++) {
			builder.add(OUT, "49" + i, perMinute(BigDecimal.valueOf(i, 4).toPlainString()), JANUARY, null);
		}
		RateDeck deck = builder.build();
		// +49 12345 6789: the longest of 49, 491, 4912, … 4912345 that exists is 4912345 (i = 12345).
		assertThat(deck.find(OUT, "+49123456789", JULY)).isEqualTo(new RateDeck.Match("4912345", perMinute("1.2345")));
		assertThat(deck.find(OUT, "+4999999", JULY).prefix()).isEqualTo("4999999");
	}

	@Test
	void aPrefixIsDigitsNotStartingWithZero() {
		assertThat(RateDeck.isPrefix("44")).isTrue();
		assertThat(RateDeck.isPrefix("123456789012345")).isTrue();
		assertThat(RateDeck.isPrefix("1234567890123456")).isFalse();
		assertThat(RateDeck.isPrefix("+44")).isFalse();
		assertThat(RateDeck.isPrefix("044")).isFalse();
		assertThat(RateDeck.isPrefix("")).isFalse();
		assertThatThrownBy(() -> RateDeck.builder("d", "x", 1).add(OUT, "4a", perMinute("1"), JANUARY, null))
			.isInstanceOf(IllegalArgumentException.class);
	}

}
