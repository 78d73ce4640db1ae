package org.billingreports.report;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.billingreports.batch.ExecutionStatus;
import org.billingreports.kernel.FieldErrors;

/**
 * Which reports a listing shows and in which order, as {@code GET /reports} and the console's list
 * take it. Every filter is optional ({@code null}).
 *
 * @param requester the user name that asked for the report ({@code nightly} for the scheduled runs)
 * @param from with {@code to}: reports whose period overlaps these days (UTC)
 */
public record ReportQuery(String accountId, ExecutionStatus status, String requester, LocalDate from,
		LocalDate to, Sort sort, int skip, int take) {

	public static final int MAX_TAKE = 500;

	/** The orders a listing can take; newest first unless asked. */
	public enum Sort {

		newest("r.created_at DESC, r.id DESC"), oldest("r.created_at, r.id"), name("r.name, r.id"),
		account("r.account_id, r.created_at DESC, r.id DESC"), period("r.period_start DESC, r.id DESC"),
		status("e.status, r.created_at DESC, r.id DESC");

		final String orderBy;

		Sort(String orderBy) {
			this.orderBy = orderBy;
		}

	}

	/** The newest {@code take} reports in the status that the caller may see. */
	public static ReportQuery newestIn(ExecutionStatus status, int take) {
		return new ReportQuery(null, status, null, null, null, Sort.newest, 0, take);
	}

	/**
	 * The query as a request gives it, in text; each value that cannot be read is a field error (400).
	 */
	public static ReportQuery parse(String accountId, String status, String requester, String from, String to,
			String sort, int skip, int take) {
		FieldErrors errors = new FieldErrors();
		ExecutionStatus statusFilter = null;
		if (present(status)) {
			statusFilter = ExecutionStatus.parse(status.strip());
			if (statusFilter == null) {
				errors.add("status", "InvalidValue", "status must be Queued, Running, Completed or Error");
			}
		}
		LocalDate fromDay = day("from", from, errors);
		LocalDate toDay = day("to", to, errors);
		if (fromDay != null && toDay != null && toDay.isBefore(fromDay)) {
			errors.add("to", "GreaterThanOrEqual", "to must not be before from");
		}
		Sort order = Sort.newest;
		if (present(sort)) {
			order = Arrays.stream(Sort.values())
				.filter(candidate -> candidate.name().equals(sort.strip().toLowerCase(Locale.ROOT)))
				.findFirst()
				.orElse(null);
			if (order == null) {
				errors.add("sort", "InvalidValue", "sort must be one of "
						+ Arrays.stream(Sort.values()).map(Sort::name).collect(Collectors.joining(", ")));
			}
		}
		errors.page(skip, take, MAX_TAKE).throwIfAny();
		return new ReportQuery(present(accountId) ? accountId.strip() : null, statusFilter,
				present(requester) ? requester.strip() : null, fromDay, toDay, order, skip, take);
	}

	/** The same query for another account, e.g. the caller's own. */
	ReportQuery inAccount(String account) {
		return new ReportQuery(account, this.status, this.requester, this.from, this.to, this.sort, this.skip,
				this.take);
	}

	java.time.Instant periodEndsAfter() {
		return (this.from != null) ? this.from.atStartOfDay(ZoneOffset.UTC).toInstant() : null;
	}

	java.time.Instant periodStartsBefore() {
		return (this.to != null) ? this.to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant() : null;
	}

	private static LocalDate day(String field, String text, FieldErrors errors) {
		if (!present(text)) {
			return null;
		}
		try {
			LocalDate day = LocalDate.parse(text.strip());
			if (day.getYear() < 1900 || day.getYear() > 9998) {
				errors.add(field, "InvalidValue", field + " must be a date between 1900 and 9998");
				return null;
			}
			return day;
		}
		catch (DateTimeParseException ex) {
			errors.add(field, "InvalidValue", field + " must be a date as yyyy-MM-dd");
			return null;
		}
	}

	private static boolean present(String text) {
		return text != null && !text.isBlank();
	}

}
