package org.billingreports.billingjob;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.springframework.stereotype.Component;

/**
 * A completed report's files, as every node serves them: the local copy when there is one, else made
 * again from the report's stored lines, byte for byte what the node that ran the report wrote, and
 * kept locally from then on. So a node that did not run a report, or lost its folder, still serves it.
 */
@Component
public class BillingFiles {

	private final BillingLineRepository lines;

	private final ReportFiles files;

	BillingFiles(BillingLineRepository lines, ReportFiles files) {
		this.lines = lines;
		this.files = files;
	}

	/** The billing file (CSV). */
	public Path csv(String reportId, boolean includeCustomerIds) {
		Path target = this.files.file(reportId);
		if (Files.isRegularFile(target)) {
			return target;
		}
		try (BillingFileWriter writer = new BillingFileWriter(target, includeCustomerIds)) {
			this.lines.forEach(reportId, line -> writer.write(line.customerName(), line.customerId(), line.line()));
			writer.commit();
		}
		catch (IOException | UncheckedIOException ex) {
			throw new BillingFileException("The billing file of report " + reportId + " could not be written", ex);
		}
		return target;
	}

	/**
	 * The billing file as a workbook.
	 * @param created when the report was requested: the workbook's creation date, the same on every node
	 */
	public Path workbook(String reportId, boolean includeCustomerIds, Instant created) {
		Path target = this.files.workbook(reportId);
		if (Files.isRegularFile(target)) {
			return target;
		}
		try (BillingWorkbookWriter writer = new BillingWorkbookWriter(target, includeCustomerIds, created)) {
			this.lines.forEach(reportId, line -> writer.write(line.customerName(), line.customerId(), line.line()));
			writer.commit();
		}
		catch (IOException | UncheckedIOException ex) {
			throw new BillingFileException("The workbook of report " + reportId + " could not be written", ex);
		}
		return target;
	}

}
