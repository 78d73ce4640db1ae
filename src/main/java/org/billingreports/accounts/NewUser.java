package org.billingreports.accounts;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.billingreports.kernel.FieldErrors;
import org.billingreports.kernel.SelfValidating;
import org.billingreports.security.Role;

/** {@code POST /users}: a user with a role, an account (not a SystemAdministrator) and, for a Customer, a customer. */
public record NewUser(
		@NotBlank(message = "username is required") @Pattern(regexp = "[A-Za-z0-9._@-]{3,100}",
				message = "username is 3 to 100 letters, digits, '.', '_', '@' or '-'") String username,
		@NotBlank(message = "password is required") @Size(min = 12, max = 200,
				message = "password is 12 to 200 characters") String password,
		@NotBlank(message = "role is required") String role, String accountId, String customerId)
		implements SelfValidating {

	@Override
	public void validate(FieldErrors errors) {
		if (this.role == null || this.role.isBlank() || errors.has("role")) {
			return;
		}
		Role parsed = Role.parse(this.role.strip());
		if (parsed == null) {
			errors.add("role", "InvalidValue", "role must be SystemAdministrator, Manager or Customer");
			return;
		}
		boolean hasAccount = this.accountId != null && !this.accountId.isBlank();
		boolean hasCustomer = this.customerId != null && !this.customerId.isBlank();
		if (parsed == Role.SystemAdministrator && (hasAccount || hasCustomer)) {
			errors.add("accountId", "Empty", "a SystemAdministrator belongs to no account or customer");
		}
		if (parsed != Role.SystemAdministrator && !hasAccount) {
			errors.add("accountId", "NotEmpty", "accountId is required for a " + parsed);
		}
		if (parsed == Role.Customer && !hasCustomer) {
			errors.add("customerId", "NotEmpty", "customerId is required for a Customer");
		}
		if (parsed == Role.Manager && hasCustomer) {
			errors.add("customerId", "Empty", "a Manager belongs to an account, not a customer");
		}
	}

	Role parsedRole() {
		return Role.parse(this.role.strip());
	}

}
