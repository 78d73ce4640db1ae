package org.billingreports.accounts;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** A number assigned to a customer, billed as a local or a toll-free number. */
public record PhoneNumber(
		@NotBlank(message = "number is required") @Pattern(regexp = "\\+[1-9][0-9]{1,14}",
				message = "number must be E.164, such as +15551234567") String number,
		@NotBlank(message = "accountId is required") String accountId,
		@NotBlank(message = "customerId is required") String customerId, Boolean tollFree) {

	PhoneNumber withDefaults() {
		return new PhoneNumber(this.number, this.accountId, this.customerId, Boolean.TRUE.equals(this.tollFree));
	}

}
