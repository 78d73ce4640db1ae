package org.billingreports.accounts;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;

import org.billingreports.kernel.Text;

/**
 * An account's nightly billing run: when enabled, a report of the previous day (in the account's time
 * zone) every night, notified to these targets.
 */
public record NightlyBilling(Boolean enabled,
		@Email(message = "nightlyBilling.emailAddressToNotify must be an e-mail address") @Size(max = 254,
				message = "nightlyBilling.emailAddressToNotify is at most 254 characters") String emailAddressToNotify,
		@Size(max = 2000, message = "nightlyBilling.webhookUrl is at most 2000 characters") String webhookUrl) {

	public static final NightlyBilling OFF = new NightlyBilling(false, null, null);

	public boolean isEnabled() {
		return Boolean.TRUE.equals(this.enabled);
	}

	NightlyBilling normalized() {
		return new NightlyBilling(isEnabled(), Text.strippedOrNull(this.emailAddressToNotify), Text.strippedOrNull(this.webhookUrl));
	}

}
