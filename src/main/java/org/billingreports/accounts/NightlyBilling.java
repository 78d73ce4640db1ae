package org.billingreports.accounts;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.billingreports.kernel.Text;

/**
 * An account's nightly billing run: when enabled, a report of the previous day (in the account's time
 * zone) every night, notified to these targets.
 *
 * @param lateData what a nightly report does when call records of its day arrive late or are corrected:
 * {@code rerun} (the default) makes a new version of it once they have stopped arriving, {@code flag} only
 * marks it out of date and notifies
 */
public record NightlyBilling(Boolean enabled,
		@Email(message = "nightlyBilling.emailAddressToNotify must be an e-mail address") @Size(max = 254,
				message = "nightlyBilling.emailAddressToNotify is at most 254 characters") String emailAddressToNotify,
		@Size(max = 2000, message = "nightlyBilling.webhookUrl is at most 2000 characters") String webhookUrl,
		@Pattern(regexp = "rerun|flag", message = "nightlyBilling.lateData must be rerun (a new version once late "
				+ "calls stop arriving, the default) or flag (marked out of date only)") String lateData) {

	public static final String RERUN = "rerun";

	public static final String FLAG = "flag";

	public static final NightlyBilling OFF = new NightlyBilling(false, null, null, RERUN);

	public boolean isEnabled() {
		return Boolean.TRUE.equals(this.enabled);
	}

	/** Whether late or corrected call records make a new version of the account's nightly reports. */
	public boolean rerunsLateData() {
		return !FLAG.equals(this.lateData);
	}

	NightlyBilling normalized() {
		return new NightlyBilling(isEnabled(), Text.strippedOrNull(this.emailAddressToNotify),
				Text.strippedOrNull(this.webhookUrl), rerunsLateData() ? RERUN : FLAG);
	}

}
