package org.billingreports.report;

import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.billingreports.kernel.HttpUrls;
import org.billingreports.rating.BillingPeriod;
import org.billingreports.rating.Timestamps;
import org.billingreports.kernel.FieldErrors;
import org.billingreports.kernel.SelfValidating;
import org.billingreports.kernel.Sha256;
import org.billingreports.kernel.Text;

/**
 * Evo's {@code BillingReport} request DTO: from a JSON body, a form or the query string.
 */
public record BillingReportRequest(
		@Schema(example = "acc-1") @NotBlank(message = "accountId is required") String accountId,
		@Schema(example = "2026-07-01", description = "First day (in the account's time zone), or an "
				+ "ISO-8601 date-time") @NotBlank(message = "startDate is required") String startDate,
		@Schema(example = "2026-07-31", description = "Last day, included (in the account's time zone), or an "
				+ "ISO-8601 date-time, excluded") @NotBlank(message = "endDate is required") String endDate,
		@Schema(example = "false", description = "Whether the billing file has a customer id column")
		Boolean includeCustomerIds,
		@Schema(example = "ops@example.com", description = "Mailed when the report has run")
		@Email(message = "emailAddressToNotify must be an e-mail address such as ops@example.com") @Size(max = 254,
				message = "emailAddressToNotify is at most 254 characters") String emailAddressToNotify,
		@Schema(example = "https://hooks.example.com/billing", description = "Called (signed) with the report's "
				+ "data when it is complete") @Size(max = 2000, message = "webhookUrl is at most 2000 characters")
		String webhookUrl)
		implements SelfValidating {

	private static final String DATE_MESSAGE = " must be a date (yyyy-MM-dd) or an ISO-8601 date-time";

	@Override
	public void validate(FieldErrors errors) {
		// The period itself needs the account's time zone; here only the form is checked.
		checkDate("startDate", this.startDate, errors);
		checkDate("endDate", this.endDate, errors);
		if (this.webhookUrl != null && !this.webhookUrl.isBlank() && !errors.has("webhookUrl")
				&& !HttpUrls.isHttpUrl(this.webhookUrl)) {
			errors.add("webhookUrl", "InvalidUrl", "webhookUrl must be an absolute http or https URL");
		}
	}

	private static void checkDate(String field, String value, FieldErrors errors) {
		if (value == null || value.isBlank() || errors.has(field)) {
			return;
		}
		try {
			BillingPeriod.startOf(value, ZoneOffset.UTC);
		}
		catch (Timestamps.YearOutOfRange ex) {
			errors.add(field, "InvalidDate", field + ": " + ex.getMessage());
		}
		catch (DateTimeParseException ex) {
			errors.add(field, "InvalidDate", field + DATE_MESSAGE);
		}
	}

	/** A digest of what was asked, to tell a repeat of a request from a different one. */
	String hash() {
		String canonical = String.join("\u0000", String.valueOf(this.accountId).strip(),
				String.valueOf(this.startDate).strip(), String.valueOf(this.endDate).strip(),
				String.valueOf(includesCustomerIds()), String.valueOf(email()), String.valueOf(webhook()));
		return Sha256.hex(canonical);
	}

	boolean includesCustomerIds() {
		return Boolean.TRUE.equals(this.includeCustomerIds);
	}

	String email() {
		return Text.strippedOrNull(this.emailAddressToNotify);
	}

	String webhook() {
		return Text.strippedOrNull(this.webhookUrl);
	}

}
