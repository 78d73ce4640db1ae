package org.billingreports.billingjob;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

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

	/** Every entry of the workbook's zip gets this time: the same workbook is the same bytes on every node. */
	private static final long ENTRY_TIME = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();

	/** @param created the workbook's creation date, in its properties */
	BillingWorkbookWriter(Path target, boolean includeCustomerIds, Instant created) throws IOException {
		this.target = target;
		this.includeCustomerIds = includeCustomerIds;
		Files.createDirectories(target.getParent());
		// Two requests may write the same workbook at once: each to a file of its own.
		this.temporary = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + ".tmp");
		this.workbook = new SXSSFWorkbook(ROWS_IN_MEMORY);
		this.workbook.setCompressTempFiles(true);
		this.workbook.getXSSFWorkbook().getProperties().getCoreProperties()
			.setCreated(Optional.of(Date.from(created)));
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

	/**
	 * Writes the workbook to the disk and puts it in place in one step. POI stamps each zip entry with
	 * the time of writing; the entries are copied with one fixed time instead, so that two nodes that
	 * make the same workbook make the same bytes.
	 */
	void commit() throws IOException {
		Path written = this.temporary.resolveSibling(this.temporary.getFileName() + ".poi");
		try {
			try (OutputStream out = Files.newOutputStream(written)) {
				this.workbook.write(out);
			}
			// Read through the central directory: POI's local headers do not all carry the entries' sizes.
			try (ZipFile in = new ZipFile(written.toFile());
					FileChannel channel = FileChannel.open(this.temporary, StandardOpenOption.CREATE,
							StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
					ZipOutputStream out = new ZipOutputStream(Channels.newOutputStream(channel))) {
				for (ZipEntry entry : Collections.list(in.entries())) {
					ZipEntry copy = new ZipEntry(entry.getName());
					copy.setTime(ENTRY_TIME);
					out.putNextEntry(copy);
					try (InputStream data = in.getInputStream(entry)) {
						data.transferTo(out);
					}
					out.closeEntry();
				}
				out.finish();
				channel.force(true);
			}
		}
		finally {
			Files.deleteIfExists(written);
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
