package org.billingreports.accounts;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.PositiveOrZero;

import org.billingreports.rating.ItemSettings;

/** Evo's {@code BillingItem} in JSON; a missing field is zero. */
public record BillingItemDto(
		@DecimalMin(value = "0", message = "baseCost must not be negative") @Digits(integer = 18, fraction = 10,
				message = "baseCost allows 18 digits and 10 decimals") BigDecimal baseCost,
		@DecimalMin(value = "0", message = "rawUnitMultiplier must not be negative") @Digits(integer = 18,
				fraction = 10, message = "rawUnitMultiplier allows 18 digits and 10 decimals") BigDecimal rawUnitMultiplier,
		@DecimalMin(value = "0", message = "unitCost must not be negative") @Digits(integer = 18, fraction = 10,
				message = "unitCost allows 18 digits and 10 decimals") BigDecimal unitCost,
		@PositiveOrZero(message = "allowance must be a whole number, 0 or more") Long allowance) {

	ItemSettings toSettings() {
		return new ItemSettings(orZero(this.baseCost), orZero(this.rawUnitMultiplier), orZero(this.unitCost),
				(this.allowance != null) ? this.allowance : 0);
	}

	static BillingItemDto of(ItemSettings settings) {
		return new BillingItemDto(settings.baseCost(), settings.rawUnitMultiplier(), settings.unitCost(),
				settings.allowance());
	}

	private static BigDecimal orZero(BigDecimal value) {
		return (value != null) ? value : BigDecimal.ZERO;
	}

}
