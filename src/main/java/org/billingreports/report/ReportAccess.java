package org.billingreports.report;

import org.springframework.stereotype.Component;

import org.billingreports.kernel.ApiException;
import org.billingreports.security.Caller;

/**
 * Who may see and act on a report. A Customer user sees the reports it requested; anyone else the
 * reports of the accounts it sees. Acting (restart, delete) also takes a Manager of the account (or
 * the Customer who requested it).
 */
@Component
class ReportAccess {

	private final ReportRepository reports;

	ReportAccess(ReportRepository reports) {
		this.reports = reports;
	}

	/** The report, when the caller may see it; 404 otherwise, so that other tenants' ids do not leak. */
	ReportRepository.ReportRow visible(String id, Caller caller) {
		return visible(id, null, caller);
	}

	/**
	 * The report shown by the version asked for ({@code null}: the one it shows), when the caller may see
	 * it; 404 for a version it does not have.
	 */
	ReportRepository.ReportRow visible(String id, Integer version, Caller caller) {
		ReportRepository.ReportRow row = this.reports.findRow(id)
			.filter(found -> isVisible(found, caller))
			.orElseThrow(() -> ApiException.notFound("Report", id));
		return (version == null) ? row : version(row, version);
	}

	/** The report shown by that version; 404 for one it does not have. */
	ReportRepository.ReportRow version(ReportRepository.ReportRow row, int version) {
		String id = row.report().id();
		return this.reports.findRow(id, version)
			.orElseThrow(() -> new ApiException(org.springframework.http.HttpStatus.NOT_FOUND, "NotFound",
					"Report '" + ApiException.echo(id) + "' has no version " + version + "; it has " + row.versions()));
	}

	/**
	 * The report, when the caller may act on it: 404 when it does not exist, 403 when it is not the
	 * caller's to act on.
	 * @param action what the caller wants to do, for the refusal, e.g. "restart"
	 */
	ReportRepository.ReportRow actionable(String id, Caller caller, String action) {
		ReportRepository.ReportRow row = this.reports.findRow(id)
			.orElseThrow(() -> ApiException.notFound("Report", id));
		if (!isVisible(row, caller)) {
			throw ApiException.forbidden("You may not " + action + " report '" + id + "'");
		}
		if (!caller.isCustomer()) {
			caller.requireManagerOf(row.report().accountId());
		}
		return row;
	}

	private static boolean isVisible(ReportRepository.ReportRow row, Caller caller) {
		return caller.canSeeAccount(row.report().accountId())
				&& (!caller.isCustomer() || caller.userId().equals(row.report().createdByUserId()));
	}

}
