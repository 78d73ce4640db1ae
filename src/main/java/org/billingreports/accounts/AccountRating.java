package org.billingreports.accounts;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Pattern;

import org.billingreports.kernel.FieldErrors;
import org.billingreports.kernel.Text;

/**
 * How an account's calls are priced by rate decks (issue 20).
 *
 * @param rateDeckId the deck of the account's customers that have none of their own; {@code null}: none
 * @param unmatchedCalls what a billable call that matches no prefix of its deck does: {@code fail} the
 * report (the default) or bill at the {@code fallback} rate
 * @param fallbackRate per started minute of a voice call, per SMS or fax; required for {@code fallback}
 * @param deckReplacesCarrierCost whether the deck's charge replaces a carrier cost the call record has
 * (by default it is used only for records without one)
 */
public record AccountRating(@Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String rateDeckId,
		String unmatchedCalls,
		@DecimalMin(value = "0", message = "rating.fallbackRate must not be negative") BigDecimal fallbackRate,
		Boolean deckReplacesCarrierCost) {

	public static final String FAIL = "fail";

	public static final String FALLBACK = "fallback";

	public static final AccountRating NONE = new AccountRating(null, FAIL, null, false);

	void validate(FieldErrors errors) {
		if (this.unmatchedCalls != null && !FAIL.equals(this.unmatchedCalls) && !FALLBACK.equals(this.unmatchedCalls)) {
			errors.add("rating.unmatchedCalls", "InvalidValue", "rating.unmatchedCalls must be fail (the report "
					+ "fails, the default) or fallback (such calls are billed at rating.fallbackRate)");
		}
		if (FALLBACK.equals(this.unmatchedCalls) && this.fallbackRate == null) {
			errors.add("rating.fallbackRate", "Required", "rating.fallbackRate is required when unmatched calls are "
					+ "billed at the fallback rate");
		}
	}

	/** As stored: defaults for what was left out. */
	AccountRating normalized() {
		String deck = Text.strippedOrNull(this.rateDeckId);
		return new AccountRating(deck, (this.unmatchedCalls != null) ? this.unmatchedCalls : FAIL, this.fallbackRate,
				Boolean.TRUE.equals(this.deckReplacesCarrierCost));
	}

	public boolean billsUnmatchedAtFallback() {
		return FALLBACK.equals(this.unmatchedCalls);
	}

}
