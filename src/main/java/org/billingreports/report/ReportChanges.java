package org.billingreports.report;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

import org.billingreports.batch.ExecutionStatus;
import org.billingreports.kernel.ApiException;
import org.billingreports.kernel.FieldErrors;
import org.billingreports.kernel.ReportVersion;
import org.billingreports.rating.Decimals;
import org.billingreports.security.Caller;
import org.billingreports.statement.Audience;
import org.billingreports.statement.BillingFiles;
import org.billingreports.statement.VersionChanges;

/**
 * What changed between two completed versions of a report: {@code GET /reports/{id}/changes} (totals,
 * customers and lines that changed, and how many calls were added, removed or repriced), {@code
 * changes.csv} (call by call) and {@code adjustment.csv} (the difference in the billing file's columns).
 * Without {@code from} and {@code to}: the newest two completed versions.
 */
@Component
public class ReportChanges {

	/**
	 * The answer of {@code GET /reports/{id}/changes}. The total difference is the sum of the lines'
	 * differences: only lines and customers that changed are listed.
	 */
	public record Changes(int from, int to, BigDecimal totalBefore, BigDecimal totalAfter, BigDecimal totalDifference,
			long callsAdded, long callsRemoved, long callsRepriced, List<CustomerDifference> customers,
			List<LineDifference> lines) {
	}

	public record CustomerDifference(String customerId, BigDecimal subtotalBefore, BigDecimal subtotalAfter,
			BigDecimal difference) {
	}

	/** For a Customer user the raw costs are left out. */
	public record LineDifference(String customerId, String item, long quantityBefore, long quantityAfter,
			BigDecimal rawCostBefore, BigDecimal rawCostAfter, BigDecimal amountBefore, BigDecimal amountAfter,
			BigDecimal amountDifference) {
	}

	/** Two completed versions of a report, for a caller who may see it. */
	public record Pair(ReportVersion from, ReportVersion to, Audience audience) {
	}

	private final ReportAccess access;

	private final ReportRepository reports;

	private final JobRepository jobRepository;

	private final VersionChanges changes;

	private final BillingFiles files;

	ReportChanges(ReportAccess access, ReportRepository reports, JobRepository jobRepository, VersionChanges changes,
			BillingFiles files) {
		this.access = access;
		this.reports = reports;
		this.jobRepository = jobRepository;
		this.changes = changes;
		this.files = files;
	}

	/**
	 * The two versions, both completed: 404 for a version the report does not have, 409 when it has fewer
	 * than two completed (or one asked for has not completed), 400 for a version compared with itself.
	 */
	public Pair pair(String id, Integer from, Integer to, Caller caller) {
		ReportRepository.ReportRow row = this.access.visible(id, caller);
		List<Integer> completed = this.reports.versions(id)
			.stream()
			.filter(version -> version.jobExecutionId() != null && ExecutionStatus
				.of(this.jobRepository.getJobExecution(version.jobExecutionId()).getStatus()) == ExecutionStatus.Completed)
			.map(ReportRepository.VersionRow::version)
			.toList();
		int newer = (to != null) ? existing(row, to) : (completed.isEmpty() ? 0 : completed.get(completed.size() - 1));
		int older = (from != null) ? existing(row, from)
				: completed.stream().filter(version -> version < newer).reduce((a, b) -> b).orElse(0);
		if (older == 0 || newer == 0) {
			throw ApiException.conflict("FewerThanTwoVersions", "Report '" + id + "' has " + completed.size()
					+ ((completed.size() == 1) ? " completed version" : " completed versions")
					+ "; changes are between two (POST /reports/" + id + "/rerun makes another)");
		}
		if (older == newer) {
			new FieldErrors().add("from", "NotEqual", "from and to must be two different versions").throwIfAny();
		}
		for (int version : new int[] { older, newer }) {
			if (!completed.contains(version)) {
				throw ApiException.conflict("NotCompleted", "Version " + version + " of report '" + id
						+ "' has not completed; changes are between completed versions");
			}
		}
		return new Pair(new ReportVersion(id, older), new ReportVersion(id, newer),
				caller.isCustomer() ? Audience.CUSTOMER : Audience.PROVIDER);
	}

	private int existing(ReportRepository.ReportRow row, int version) {
		return this.access.version(row, version).shown().version();
	}

	public Changes between(Pair pair) {
		boolean costs = pair.audience().seesCarrierCosts();
		Map<VersionChanges.Change, Long> calls = this.changes.countCalls(pair.from(), pair.to());
		BigDecimal before = this.changes.total(pair.from());
		BigDecimal after = this.changes.total(pair.to());
		return new Changes(pair.from().version(), pair.to().version(), before, after, after.subtract(before),
				calls.get(VersionChanges.Change.added), calls.get(VersionChanges.Change.removed),
				calls.get(VersionChanges.Change.repriced),
				this.changes.customers(pair.from(), pair.to())
					.stream()
					.map(customer -> new CustomerDifference(customer.customerId(), customer.subtotalBefore(),
							customer.subtotalAfter(), customer.difference()))
					.toList(),
				this.changes.lines(pair.from(), pair.to())
					.stream()
					.map(line -> new LineDifference(line.customerId(), line.item().displayName(), line.quantityBefore(),
							line.quantityAfter(), costs ? Decimals.plain(line.rawCostBefore()) : null,
							costs ? Decimals.plain(line.rawCostAfter()) : null, line.amountBefore(), line.amountAfter(),
							line.amountDifference()))
					.toList());
	}

	void writeCalls(Pair pair, OutputStream out) throws IOException {
		this.files.writeCallChanges(pair.from(), pair.to(), pair.audience(), out);
	}

	void writeAdjustment(Pair pair, OutputStream out) throws IOException {
		this.files.writeAdjustment(pair.from(), pair.to(), pair.audience(), out);
	}


}
