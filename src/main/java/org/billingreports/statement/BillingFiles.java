package org.billingreports.statement;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.Set;

import org.springframework.stereotype.Component;

import org.billingreports.kernel.ReportVersion;

/**
 * A completed report's documents, as every node serves them. The billing file and the workbook are
 * kept in the node's reports folder once made, and made from the report's statement in the database
 * when missing (a node that did not run the report, or lost its folder): byte for byte what any other
 * node makes. The call detail is streamed from the database as it is read.
 */
@Component
public class BillingFiles {

	private final StatementRepository statements;

	private final RatedCallRepository calls;

	private final ReportFiles files;

	private final int callsPerSheet;

	private final VersionChanges changes;

	BillingFiles(StatementRepository statements, RatedCallRepository calls, ReportFiles files,
			StatementProperties properties, VersionChanges changes) {
		this.changes = changes;
		this.statements = statements;
		this.calls = calls;
		this.files = files;
		this.callsPerSheet = properties.callsPerSheet();
	}

	/**
	 * Writes the provider's billing file anew from the report's statement as it now is, and drops
	 * whatever this node made of an earlier attempt: the billing job calls this in its transaction.
	 */
	public void rewrite(ReportVersion run) {
		try {
			this.files.deleteAll(run);
			Statement statement = statement(run);
			AtomicFile.write(this.files.file(run), out -> csv(statement, Audience.PROVIDER, out));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The provider's billing file of these lines of the statement's version, e.g. lines rated again to compare. */
	public void writeCsv(Statement statement, List<StatementRepository.CustomerLine> lines, OutputStream out) {
		try {
			BillingCsv.write(statement, Audience.PROVIDER, lines::forEach, out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The billing file (CSV), as the audience may see it. */
	public Path csv(ReportVersion run, Audience audience) {
		return cached(run, audience, ReportFiles.CSV, (statement, out) -> csv(statement, audience, out));
	}

	/** The workbook, as the audience may see it. */
	public Path workbook(ReportVersion run, Audience audience) {
		return cached(run, audience, ReportFiles.XLSX,
				(statement, out) -> BillingWorkbook.write(statement, audience, this.statements.customers(run),
						action -> this.statements.forEachLine(run, action),
						action -> this.calls.forEach(run, null, action), this.callsPerSheet,
						this.files.folder(), out));
	}

	/** Whether the report considered this customer. */
	public boolean hasCustomer(ReportVersion run, String customerId) {
		return this.statements.customers(run)
			.stream()
			.anyMatch(customer -> customer.customerId().equals(customerId));
	}

	/**
	 * Writes the report's call detail to {@code out} as it is read from the database.
	 * @param customerId only this customer's and its branches' calls (one {@link #hasCustomer} of the
	 * report); {@code null} for all
	 */
	public void writeCalls(ReportVersion run, Audience audience, String customerId, OutputStream out)
			throws IOException {
		Statement statement = statement(run);
		Set<String> customers = (customerId != null)
				? new CustomerTree(this.statements.customers(run)).subtreeOf(customerId) : null;
		if (customerId != null && customers == null) {
			throw new IllegalArgumentException("report " + run + " has no customer " + customerId);
		}
		CallDetailCsv.write(statement, audience, action -> this.calls.forEach(run, customers, action), out);
	}

	/**
	 * What the newer version adds to or takes from the older, in the billing file's columns (see
	 * {@link AdjustmentCsv}), written to {@code out}.
	 */
	public void writeAdjustment(ReportVersion from, ReportVersion to, Audience audience, OutputStream out)
			throws IOException {
		AdjustmentCsv.write(statement(to), audience, this.changes.lines(from, to), out);
	}

	/** Each call the two versions billed differently, as CSV (see {@link CallChangesCsv}), written as it is read. */
	public void writeCallChanges(ReportVersion from, ReportVersion to, Audience audience, OutputStream out)
			throws IOException {
		CallChangesCsv.write(action -> this.changes.forEachCall(from, to, action), audience, out);
	}

	/**
	 * Units per day (in the account's time zone) and item, over the report's rated calls, read as a
	 * stream: memory for the days and items only, whatever the number of calls.
	 */
	public SortedMap<LocalDate, Map<String, Long>> usagePerDay(ReportVersion run) {
		ZoneId zone = statement(run).zone();
		SortedMap<LocalDate, Map<String, Long>> days = new TreeMap<>();
		this.calls.forEach(run, null, call -> days
			.computeIfAbsent(call.startTime().atZone(zone).toLocalDate(), day -> new TreeMap<>())
			.merge(call.item().displayName(), call.units(), Long::sum));
		return days;
	}

	private void csv(Statement statement, Audience audience, OutputStream out) throws IOException {
		BillingCsv.write(statement, audience, action -> this.statements.forEachLine(statement.run(), action),
				out);
	}

	private Statement statement(ReportVersion run) {
		return this.statements.find(run)
			.orElseThrow(() -> new IllegalStateException("report " + run + " has no statement"));
	}

	private Path cached(ReportVersion run, Audience audience, String suffix, Document document) {
		Path target = this.files.file(run, audience, suffix);
		if (Files.isRegularFile(target)) {
			return target;
		}
		try {
			Statement statement = statement(run);
			AtomicFile.write(target, out -> document.write(statement, out));
		}
		catch (UncheckedIOException ex) {
			throw new BillingFileException(what(suffix) + " of report " + run + " could not be written",
					ex.getCause());
		}
		catch (IOException ex) {
			throw new BillingFileException(what(suffix) + " of report " + run + " could not be written", ex);
		}
		return target;
	}

	private static String what(String suffix) {
		return suffix.equals(ReportFiles.XLSX) ? "The workbook" : "The billing file";
	}

	/** A document made from a statement. */
	@FunctionalInterface
	private interface Document {

		void write(Statement statement, OutputStream out) throws IOException;

	}

}
