package org.billingreports.accounts;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Currency;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.billingreports.rating.BillingSettings;
import org.billingreports.web.FieldErrors;
import org.billingreports.web.SelfValidating;

/** A tenant (SPEC section 5), as the API reads and writes it. */
public record Account(@Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
		@NotBlank(message = "name is required") @Size(max = 200, message = "name is at most 200 characters") String name,
		String timeZoneId, String currency, @Valid BillingSettingsDto billingSettings) implements SelfValidating {

	public static final String DEFAULT_TIME_ZONE = "UTC";

	public static final String DEFAULT_CURRENCY = "USD";

	@Override
	public void validate(FieldErrors errors) {
		if (this.timeZoneId != null && !isTimeZone(this.timeZoneId)) {
			errors.add("timeZoneId", "InvalidTimeZone",
					"timeZoneId must be an IANA time zone such as 'Europe/Berlin' or 'UTC'");
		}
		if (this.currency != null && !isCurrency(this.currency)) {
			errors.add("currency", "InvalidCurrency", "currency must be an ISO-4217 code such as 'USD'");
		}
	}

	/** The account as stored: an id, and defaults for what was left out. */
	Account withDefaults(String id) {
		return new Account(id, this.name.strip(), (this.timeZoneId != null) ? this.timeZoneId : DEFAULT_TIME_ZONE,
				(this.currency != null) ? this.currency : DEFAULT_CURRENCY,
				BillingSettingsDto.of((this.billingSettings != null) ? this.billingSettings.toSettings()
						: BillingSettings.NONE));
	}

	public ZoneId zone() {
		return ZoneId.of(this.timeZoneId);
	}

	static boolean isTimeZone(String text) {
		try {
			ZoneId.of(text);
			return true;
		}
		catch (DateTimeException ex) {
			return false;
		}
	}

	private static boolean isCurrency(String text) {
		try {
			return Currency.getInstance(text).getCurrencyCode().equals(text);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
