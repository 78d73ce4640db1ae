package org.billingreports.billingjob;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import org.billingreports.rating.BillingLine;

/**
 * The billing file as a workbook: one sheet with the CSV's header, rows and order; numbers as
 * numeric cells, text as text cells (a customer named {@code =HYPERLINK(…)} is shown, never
 * evaluated). Written with POI's streaming SXSSF, which keeps only a window of rows in memory,
 * to a temporary file moved into place on {@link #commit()}.
 */
final class BillingWorkbookWriter implements Closeable {

	/** Rows SXSSF keeps in memory; the others are flushed to its temporary file. */
	private static final int ROWS_IN_MEMORY = 100;

	private final Path target;

	private final Path temporary;

	private final boolean includeCustomerIds;

	private final SXSSFWorkbook workbook;

	private final SXSSFSheet sheet;

	private final CellStyle money;

	private int rows;

	private boolean committed;

	BillingWorkbookWriter(Path target, boolean includeCustomerIds) throws IOException {
		this.target = target;
		this.includeCustomerIds = includeCustomerIds;
		Files.createDirectories(target.getParent());
		// Two requests may write the same workbook at once: each to a file of its own.
		this.temporary = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + ".tmp");
		this.workbook = new SXSSFWorkbook(ROWS_IN_MEMORY);
		this.workbook.setCompressTempFiles(true);
		this.sheet = this.workbook.createSheet("Billing");
		this.money = this.workbook.createCellStyle();
		this.money.setDataFormat(this.workbook.createDataFormat().getFormat("0.00"));
		CellStyle bold = this.workbook.createCellStyle();
		Font font = this.workbook.createFont();
		font.setBold(true);
		bold.setFont(font);
		Row header = this.sheet.createRow(this.rows++);
		List<String> names = BillingFileColumns.header(includeCustomerIds);
		for (int column = 0; column < names.size(); column++) {
			Cell cell = header.createCell(column);
			cell.setCellValue(names.get(column));
			cell.setCellStyle(bold);
		}
		this.sheet.createFreezePane(0, 1);
	}

	void write(String customerName, String customerId, BillingLine line) {
		Row row = this.sheet.createRow(this.rows++);
		List<Object> values = BillingFileColumns.values(customerName, customerId, line, this.includeCustomerIds);
		for (int column = 0; column < values.size(); column++) {
			Cell cell = row.createCell(column);
			Object value = values.get(column);
			if (value instanceof BigDecimal decimal) {
				cell.setCellValue(decimal.doubleValue());
				if (column == values.size() - 1) {
					cell.setCellStyle(this.money);
				}
			}
			else if (value instanceof Long number) {
				cell.setCellValue(number);
			}
			else {
				// A string cell is never read as a formula, whatever it starts with.
				cell.setCellValue(SafeText.cell(String.valueOf(value)));
			}
		}
	}

	/** Writes the workbook to the disk and puts it in place in one step. */
	void commit() throws IOException {
		try (FileChannel channel = FileChannel.open(this.temporary, StandardOpenOption.CREATE,
				StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
				OutputStream out = Channels.newOutputStream(channel)) {
			this.workbook.write(out);
			channel.force(true);
		}
		Files.move(this.temporary, this.target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		this.committed = true;
	}

	@Override
	public void close() throws IOException {
		// SXSSF's own temporary files go with it.
		this.workbook.dispose();
		this.workbook.close();
		if (!this.committed) {
			Files.deleteIfExists(this.temporary);
		}
	}

}
