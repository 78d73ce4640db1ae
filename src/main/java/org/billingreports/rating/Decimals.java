package org.billingreports.rating;

import java.math.BigDecimal;

/** Decimals as the service writes them for people and programs. */
public final class Decimals {

	private Decimals() {
	}

	/** Plain notation without trailing zeros: 0.01, 12, never 1E+1 nor 12.000. */
	public static BigDecimal plain(BigDecimal value) {
		BigDecimal stripped = value.stripTrailingZeros();
		return (stripped.scale() < 0) ? stripped.setScale(0) : stripped;
	}

}
