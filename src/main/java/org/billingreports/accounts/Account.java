package org.billingreports.accounts;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Currency;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.billingreports.kernel.HttpUrls;
import org.billingreports.rating.BillingSettings;
import org.billingreports.rating.Proration;
import org.billingreports.kernel.FieldErrors;
import org.billingreports.kernel.SelfValidating;

/**
 * A tenant (the {@code /accounts} routes of {@code api.md}), as the API reads and writes it. {@code webhookSecret} signs its webhooks:
 * given or generated when the account is created, shown in full only in the answer that set it;
 * reads show {@code webhookSecretHint}, its last characters.
 */
public record Account(@Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
		@NotBlank(message = "name is required") @Size(max = 200, message = "name is at most 200 characters") String name,
		String timeZoneId, String currency, @Valid BillingSettingsDto billingSettings, String proration,
		@Size(min = 16, max = 200, message = "webhookSecret is 16 to 200 characters") String webhookSecret,
		String webhookSecretHint, @Valid NightlyBilling nightlyBilling,
		@Pattern(regexp = "[1-9][0-9]{0,2}", message = "defaultCountryCode is 1 to 3 digits, such as 1 or 44")
		String defaultCountryCode, @Valid AccountRating rating,
		@Size(max = 64, message = "defaultCustomerId is at most 64 characters") String defaultCustomerId)
		implements SelfValidating {

	public static final String DEFAULT_TIME_ZONE = "UTC";

	public static final String DEFAULT_CURRENCY = "USD";

	@Override
	public void validate(FieldErrors errors) {
		errors.printable("name", this.name);
		if (this.timeZoneId != null && !isTimeZone(this.timeZoneId)) {
			errors.add("timeZoneId", "InvalidTimeZone",
					"timeZoneId must be an IANA time zone such as 'Europe/Berlin' or 'UTC'");
		}
		if (this.proration != null && Proration.parse(this.proration) == null) {
			errors.add("proration", "InvalidValue", "proration must be none (fixed fees in full, the default) or "
					+ "daily (fixed fees and allowances scaled to the days of the period)");
		}
		if (this.currency != null && !isCurrency(this.currency)) {
			errors.add("currency", "InvalidCurrency", "currency must be an ISO-4217 code such as 'USD'");
		}
		String nightlyWebhook = (this.nightlyBilling != null) ? this.nightlyBilling.webhookUrl() : null;
		if (nightlyWebhook != null && !nightlyWebhook.isBlank() && !errors.has("nightlyBilling.webhookUrl")
				&& !HttpUrls.isHttpUrl(nightlyWebhook)) {
			errors.add("nightlyBilling.webhookUrl", "InvalidUrl",
					"nightlyBilling.webhookUrl must be an absolute http or https URL");
		}
		if (this.rating != null) {
			this.rating.validate(errors);
		}
	}

	/** The account as stored: an id, and defaults for what was left out. */
	Account withDefaults(String id) {
		return new Account(id, this.name.strip(), (this.timeZoneId != null) ? this.timeZoneId : DEFAULT_TIME_ZONE,
				(this.currency != null) ? this.currency : DEFAULT_CURRENCY,
				BillingSettingsDto.of((this.billingSettings != null) ? this.billingSettings.toSettings()
						: BillingSettings.NONE),
				prorating().id(), this.webhookSecret, null,
				(this.nightlyBilling != null) ? this.nightlyBilling.normalized() : NightlyBilling.OFF,
				(this.defaultCountryCode != null && !this.defaultCountryCode.isBlank()) ? this.defaultCountryCode.strip()
						: null,
				(this.rating != null) ? this.rating.normalized() : AccountRating.NONE,
				(this.defaultCustomerId != null && !this.defaultCustomerId.isBlank()) ? this.defaultCustomerId.strip()
						: null);
	}

	/** The answer to the request that set the secret: the only time it is shown in full. */
	Account showingSecret(String secret) {
		return new Account(this.id, this.name, this.timeZoneId, this.currency, this.billingSettings, this.proration,
				secret, this.webhookSecretHint, this.nightlyBilling, this.defaultCountryCode, this.rating,
				this.defaultCustomerId);
	}

	/** How a report of part of a month charges fixed fees; {@link Proration#NONE} unless set. */
	public Proration prorating() {
		Proration parsed = (this.proration != null) ? Proration.parse(this.proration) : null;
		return (parsed != null) ? parsed : Proration.NONE;
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
