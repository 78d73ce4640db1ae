package org.billingreports.rating;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;

/**
 * What one line of a rate deck charges for a call (the model: carriers' rate decks, CGRateS's rates):
 * a connect fee, then {@code rate} per {@code rateUnitSeconds} of the billed seconds, where a call is
 * billed its first increment and then whole next increments; at least {@code minimumCharge}. An SMS
 * or a fax is one message: connect fee plus rate.
 * <p>
 * A charge is exact but for the one division by {@code rateUnitSeconds}, carried to 34 significant
 * digits; it is never rounded to cents: amounts are rounded once, per billing line ({@code api.md}, Billing).
 */
public record Tariff(BigDecimal connectFee, BigDecimal rate, int rateUnitSeconds, int firstIncrementSeconds,
		int nextIncrementSeconds, BigDecimal minimumCharge) {

	private static final MathContext DIVISION = MathContext.DECIMAL128;

	public Tariff {
		Objects.requireNonNull(connectFee, "connectFee");
		Objects.requireNonNull(rate, "rate");
		Objects.requireNonNull(minimumCharge, "minimumCharge");
		if (rateUnitSeconds < 1 || firstIncrementSeconds < 0 || nextIncrementSeconds < 1) {
			throw new IllegalArgumentException("rateUnitSeconds and nextIncrementSeconds must be at least 1, "
					+ "firstIncrementSeconds at least 0");
		}
	}

	/**
	 * {@code rate} per started minute of a voice call and per message: what a report charges for a call
	 * that matches no prefix when the account bills such calls at a fallback rate.
	 */
	public static Tariff perMinute(BigDecimal rate) {
		return new Tariff(BigDecimal.ZERO, rate, 60, 60, 60, BigDecimal.ZERO);
	}

	/**
	 * {@code 0} for a call that was not answered, else {@code first + ceil(max(0, seconds − first) / next) × next}.
	 */
	public long billedSeconds(long billableSeconds) {
		if (billableSeconds <= 0) {
			return 0;
		}
		long beyondFirst = Math.max(0, billableSeconds - this.firstIncrementSeconds);
		long increments = (beyondFirst + this.nextIncrementSeconds - 1) / this.nextIncrementSeconds;
		return this.firstIncrementSeconds + increments * this.nextIncrementSeconds;
	}

	/**
	 * The charge of a billable call: for voice {@code connectFee + billedSeconds × rate / rateUnitSeconds},
	 * for a message {@code connectFee + rate}; at least {@code minimumCharge}. A voice call of no billable
	 * second costs nothing.
	 */
	public BigDecimal charge(Channel channel, long billableSeconds) {
		BigDecimal charge;
		if (channel == Channel.VOICE) {
			long billed = billedSeconds(billableSeconds);
			if (billed == 0) {
				return BigDecimal.ZERO;
			}
			charge = this.connectFee.add(BigDecimal.valueOf(billed)
				.multiply(this.rate)
				.divide(BigDecimal.valueOf(this.rateUnitSeconds), DIVISION));
		}
		else {
			charge = this.connectFee.add(this.rate);
		}
		return charge.max(this.minimumCharge);
	}

}
