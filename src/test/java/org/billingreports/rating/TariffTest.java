package org.billingreports.rating;

import java.math.BigDecimal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The deck arithmetic on the published cases that rating engines got wrong. */
class TariffTest {

	private static Tariff tariff(String connectFee, String rate, int unit, int first, int next, String minimum) {
		return new Tariff(new BigDecimal(connectFee), new BigDecimal(rate), unit, first, next, new BigDecimal(minimum));
	}

	/** cgrates#118: 30/6 increments bill 32 s as 36, 57 s as 60, 75 s as 78. */
	@ParameterizedTest
	@CsvSource({ "32, 36", "57, 60", "75, 78", "30, 30", "1, 30", "31, 36" })
	void thirtySixIncrements(long seconds, long billed) {
		assertThat(tariff("0", "0.01", 60, 30, 6, "0").billedSeconds(seconds)).isEqualTo(billed);
	}

	@ParameterizedTest
	@CsvSource({ "60, 60,  0, 0", "60, 60, 1, 60", "60, 60, 59, 60", "60, 60, 60, 60", "60, 60, 61, 120",
			"1, 1, 0, 0", "1, 1, 1, 1", "1, 1, 59, 59", "1, 1, 60, 60", "1, 1, 61, 61",
			"6, 6, 0, 0", "6, 6, 1, 6", "6, 6, 59, 60", "6, 6, 60, 60", "6, 6, 61, 66" })
	void increments(int first, int next, long seconds, long billed) {
		assertThat(tariff("0", "0.01", 60, first, next, "0").billedSeconds(seconds)).isEqualTo(billed);
	}

	/** ivozprovider#692: 0.05 per minute for 60 s is 0.05, not the 0.0498 of a per-second rate rounded first. */
	@ParameterizedTest
	@CsvSource({ "1, 1", "60, 60", "6, 6" })
	void fiveCentsAMinuteForAMinuteIsFiveCents(int first, int next) {
		BigDecimal charge = tariff("0", "0.05", 60, first, next, "0").charge(Channel.VOICE, 60);
		assertThat(charge).isEqualByComparingTo("0.05");
	}

	/** cgrates#260: a connect fee of 0.15 and three one-minute spans at 0.01 is 0.18. */
	@ParameterizedTest
	@CsvSource({ "121", "150", "180" })
	void connectFeePlusThreeSpans(long seconds) {
		assertThat(tariff("0.15", "0.01", 60, 60, 60, "0").charge(Channel.VOICE, seconds)).isEqualByComparingTo("0.18");
	}

	@Test
	void aCallBelowTheMinimumChargeCostsTheMinimum() {
		Tariff tariff = tariff("0", "0.01", 60, 1, 1, "0.02");
		assertThat(tariff.charge(Channel.VOICE, 30)).isEqualByComparingTo("0.02");
		assertThat(tariff.charge(Channel.VOICE, 600)).isEqualByComparingTo("0.10");
	}

	@Test
	void aCallOfNoSecondCostsNothingNotEvenItsConnectFeeOrMinimum() {
		assertThat(tariff("0.15", "0.01", 60, 60, 60, "0.05").charge(Channel.VOICE, 0)).isZero();
	}

	@Test
	void aMessageIsConnectFeePlusRateWhateverItsSeconds() {
		Tariff tariff = tariff("0.001", "0.0075", 60, 60, 60, "0");
		assertThat(tariff.charge(Channel.SMS, 0)).isEqualByComparingTo("0.0085");
		assertThat(tariff.charge(Channel.FAX, 300)).isEqualByComparingTo("0.0085");
	}

	/**
	 * The charges stay unrounded per call and are rounded once per line: three one-second calls at 0.01
	 * a minute in 1/1 increments are 0.0005 together, a line of 0.00; rounding each call to a cent first
	 * (cgrates#357, #361) would bill 0.03.
	 */
	@Test
	void chargesAreRoundedOncePerLineNotPerCall() {
		Tariff tariff = tariff("0", "0.01", 60, 1, 1, "0");
		BigDecimal sum = BigDecimal.ZERO;
		for (int call = 0; call < 3; call++) {
			BigDecimal charge = DeckRater.stored(tariff.charge(Channel.VOICE, 1));
			assertThat(charge).isEqualByComparingTo("0.0001666667");
			sum = sum.add(charge);
		}
		ItemSettings passOn = new ItemSettings(BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ZERO, 0);
		BillingLine line = LineCalculator.pricedLine(BillingItem.OUTBOUND_VOICE_CALLS, passOn, 3, sum);
		assertThat(line.amount()).isEqualByComparingTo("0.00");
		assertThat(line.rawCost()).isEqualByComparingTo("0.0005000001");
	}

	@Test
	void theFallbackRateChargesUnitsTimesRateAsRatingSqlSays() {
		Tariff fallback = Tariff.perMinute(new BigDecimal("0.07"));
		for (long seconds : new long[] { 0, 1, 59, 60, 61, 119, 120, 3601 }) {
			RatedCall call = CallRater.rate(Channel.VOICE, Direction.OUTBOUND, "completed", seconds, BigDecimal.ZERO);
			assertThat(fallback.charge(Channel.VOICE, seconds))
				.isEqualByComparingTo(BigDecimal.valueOf(call.units()).multiply(new BigDecimal("0.07")));
		}
		assertThat(fallback.charge(Channel.SMS, 0)).isEqualByComparingTo("0.07");
	}

	@Test
	void incrementsMustBePositive() {
		assertThatThrownBy(() -> tariff("0", "0.01", 0, 60, 60, "0")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> tariff("0", "0.01", 60, 60, 0, "0")).isInstanceOf(IllegalArgumentException.class);
	}

}
