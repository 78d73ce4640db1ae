package org.billingreports.billingjob;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.stereotype.Component;


/**
 * A completed report's workbook ({@code GET /reports/{id}.xlsx}), made from its stored lines when
 * first asked for and kept beside its billing file.
 */
@Component
public class BillingWorkbooks {

	private final BillingLineRepository lines;

	private final ReportFiles files;

	BillingWorkbooks(BillingLineRepository lines, ReportFiles files) {
		this.lines = lines;
		this.files = files;
	}

	public Path workbook(String reportId, boolean includeCustomerIds) {
		Path target = this.files.workbook(reportId);
		if (Files.isRegularFile(target)) {
			return target;
		}
		try (BillingWorkbookWriter writer = new BillingWorkbookWriter(target, includeCustomerIds)) {
			this.lines.forEach(reportId,
					line -> writer.write(line.customerName(), line.customerId(), line.line()));
			writer.commit();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The workbook of report " + reportId + " could not be written", ex);
		}
		return target;
	}

}
