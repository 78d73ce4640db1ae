package org.billingreports.accounts;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.billingreports.rating.BillingSettings;
import org.billingreports.rating.CustomerNode;
import org.billingreports.kernel.FieldErrors;
import org.billingreports.kernel.SelfValidating;
import org.billingreports.kernel.Text;

/**
 * A customer of an account (the {@code /customers} routes of {@code api.md}). Its prices are its own {@code billingSettings} when
 * {@code overrideBillingSettings}, otherwise its parent's, and the account's at the top.
 */
public record Customer(@Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
		@NotBlank(message = "accountId is required") String accountId,
		@Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String parentCustomerId,
		@NotBlank(message = "name is required") @Size(max = 200, message = "name is at most 200 characters") String name,
		@Size(max = 100, message = "referenceId is at most 100 characters") String referenceId,
		Boolean overrideBillingSettings, @Valid BillingSettingsDto billingSettings,
		@Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String rateDeckId) implements SelfValidating {

	@Override
	public void validate(FieldErrors errors) {
		errors.printable("name", this.name).printable("referenceId", this.referenceId);
	}

	/** The customer as stored: an id, and defaults for what was left out. */
	Customer withDefaults(String id) {
		String reference = Text.strippedOrNull(this.referenceId);
		String parent = (this.parentCustomerId == null || this.parentCustomerId.isBlank()) ? null
				: this.parentCustomerId;
		return new Customer(id, this.accountId, parent, this.name.strip(), reference,
				Boolean.TRUE.equals(this.overrideBillingSettings),
				(this.billingSettings != null) ? BillingSettingsDto.of(this.billingSettings.toSettings()) : null,
				Text.strippedOrNull(this.rateDeckId));
	}

	public CustomerNode node() {
		BillingSettings own = (this.billingSettings != null) ? this.billingSettings.toSettings() : BillingSettings.NONE;
		return new CustomerNode(this.id, this.parentCustomerId, Boolean.TRUE.equals(this.overrideBillingSettings),
				own);
	}

}
