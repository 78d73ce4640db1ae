package org.billingreports.statement;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import org.billingreports.rating.BillingItem;
import org.billingreports.rating.BillingLine;

/**
 * The report for a person (a billing clerk, a customer checking a charge): a workbook with a
 * <em>Summary</em> (what the report covers, one row per customer in the tree with its parent, subtotal
 * and share, the total, how amounts are computed), the <em>Lines</em> (the billing file's lines with
 * their units and everything their amounts are computed from, subtotals per customer) and the
 * <em>Calls</em> (every rated call, split over several sheets at the row limit). Money is numeric
 * with the currency's format; text from our data is always a text cell, never a formula. Streamed
 * with POI's SXSSF (a window of rows in memory, the rest in compressed temporary files), so a
 * million calls fit in a small heap.
 */
final class BillingWorkbook {

	/** Rows SXSSF keeps in memory per sheet; the others are flushed to its temporary file. */
	private static final int ROWS_IN_MEMORY = 100;

	/** Every zip entry gets this time: the same report makes the same bytes on every node. */
	private static final long ENTRY_TIME = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();

	private static final DateTimeFormatter GENERATED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final Statement statement;

	private final Audience audience;

	private final boolean ids;

	private final SXSSFWorkbook workbook;

	private final WorkbookStyles styles;

	private BillingWorkbook(Statement statement, Audience audience) {
		this.statement = statement;
		this.audience = audience;
		this.ids = statement.includeCustomerIds();
		this.workbook = new SXSSFWorkbook(ROWS_IN_MEMORY);
		this.workbook.setCompressTempFiles(true);
		this.workbook.getXSSFWorkbook().getProperties().getCoreProperties()
			.setCreated(Optional.of(Date.from(statement.generatedAt())));
		this.styles = new WorkbookStyles(this.workbook, statement.currency());
	}

	/**
	 * @param callsPerSheet rows of calls on one sheet before the next one begins
	 * @param scratch a folder for POI's output before its zip entries are given a fixed time
	 */
	static void write(Statement statement, Audience audience, List<StatementCustomer> customers,
			RowSource<StatementRepository.CustomerLine> lines, RowSource<RatedCall> calls, int callsPerSheet,
			Path scratch, OutputStream out) throws IOException {
		BillingWorkbook book = new BillingWorkbook(statement, audience);
		try {
			book.summary(customers);
			book.lines(lines, customers);
			book.calls(calls, callsPerSheet);
			book.writeTo(scratch, out);
		}
		finally {
			// SXSSF's temporary files go with it.
			book.workbook.dispose();
			book.workbook.close();
		}
	}

	private void summary(List<StatementCustomer> customers) {
		Sheet sheet = new Sheet(this.workbook.createSheet("Summary"));
		sheet.row().text("Billing statement", this.styles.title);
		sheet.row();
		fact(sheet, "Account", this.statement.accountName());
		fact(sheet, "Account ID", this.statement.accountId());
		fact(sheet, "Period", this.statement.firstDay() + " to " + this.statement.lastDay()
				+ (this.statement.startDate().length() > 10 ? " (from " + this.statement.startDate() + " to "
						+ this.statement.endDate() + ", end excluded)" : ""));
		fact(sheet, "Time zone", this.statement.timeZoneId());
		fact(sheet, "Currency", this.statement.currency());
		fact(sheet, "Fixed fees", this.statement.proration()
			.describe(this.statement.firstDay(), this.statement.lastDay()));
		fact(sheet, "Generated at", GENERATED_AT.format(this.statement.generatedAt().atZone(this.statement.zone()))
				+ " " + this.statement.timeZoneId());
		int version = this.statement.run().version();
		fact(sheet, "Report ID", this.statement.reportId() + ((version > 1) ? ", version " + version : ""));
		sheet.row();

		List<String> header = new ArrayList<>(List.of("Customer"));
		if (this.ids) {
			header.add("Customer ID");
		}
		header.addAll(List.of("Parent", "Subtotal", "Share of total", "With its branches"));
		sheet.header(header);
		BigDecimal total = customers.stream().map(StatementCustomer::subtotal).reduce(BigDecimal.ZERO, BigDecimal::add);
		CustomerTree tree = new CustomerTree(customers);
		for (CustomerTree.Node node : tree.depthFirst()) {
			StatementCustomer customer = node.customer();
			Sheet.Line row = sheet.row().text(customer.customerName(), this.styles.indented(node.depth()));
			if (this.ids) {
				row.text(customer.customerId(), null);
			}
			StatementCustomer parent = tree.parentOf(customer);
			row.text((parent == null) ? null : this.ids ? parent.customerId() : parent.customerName(), null)
				.number(customer.subtotal(), this.styles.money)
				.ratio(share(customer.subtotal(), total), this.styles.percent)
				.number(tree.withBranches(customer), this.styles.money);
		}
		Sheet.Line totalRow = sheet.row().text("Total", this.styles.bold);
		if (this.ids) {
			totalRow.text(null, null);
		}
		totalRow.text(null, null).number(total, this.styles.boldMoney);
		sheet.row();
		fact(sheet, "Amounts", amountsSentence());
		sheet.fitColumns();
	}

	private void fact(Sheet sheet, String label, String value) {
		sheet.row().text(label, this.styles.bold).text(value, null);
	}

	private String amountsSentence() {
		String charges = this.audience.seesCarrierCosts() ? "Raw Cost × Multiplier" : "Per-call Charges";
		return "Each line's Amount = Base Cost + Billable × Unit Cost + " + charges + ", computed exactly and "
				+ "rounded once, half up, to the cent; Billable = Quantity − Allowance, never below 0; a Base line is "
				+ "its Base Cost alone. Subtotals and the total add up the rounded amounts.";
	}

	private static Double share(BigDecimal part, BigDecimal total) {
		return (total.signum() == 0) ? null : part.divide(total, 6, RoundingMode.HALF_UP).doubleValue();
	}

	private void lines(RowSource<StatementRepository.CustomerLine> lines, List<StatementCustomer> customers) {
		Sheet sheet = new Sheet(this.workbook.createSheet("Lines"));
		boolean provider = this.audience.seesCarrierCosts();
		List<String> header = new ArrayList<>(List.of("Customer"));
		if (this.ids) {
			header.add("Customer ID");
		}
		header.addAll(List.of("Item", "Unit", "Quantity", "Allowance", "Billable", "Unit Cost", "Base Cost"));
		if (provider) {
			header.addAll(List.of("Raw Cost", "Multiplier", "Rate Deck"));
		}
		header.addAll(List.of("Per-call Charges", "Amount"));
		sheet.header(header);
		sheet.freezeHeader();
		Map<String, BigDecimal> subtotals = new LinkedHashMap<>();
		customers.forEach(customer -> subtotals.put(customer.customerId(), customer.subtotal()));
		String[] current = new String[2];
		lines.forEach(customerLine -> {
			if (current[0] != null && !current[0].equals(customerLine.customerId())) {
				subtotal(sheet, current[0], current[1], subtotals.get(current[0]), header.size());
			}
			current[0] = customerLine.customerId();
			current[1] = customerLine.customerName();
			BillingLine line = customerLine.line();
			boolean base = line.item() == BillingItem.BASE;
			Sheet.Line row = sheet.row().text(customerLine.customerName(), null);
			if (this.ids) {
				row.text(customerLine.customerId(), null);
			}
			row.text(line.item().displayName(), null)
				.text(Units.of(line.item()), null)
				.integer(line.quantity())
				.integer(base ? null : line.allowance())
				.integer(base ? null : line.billable())
				.number(base ? null : line.unitCost(), this.styles.rate)
				.number(line.baseCost(), this.styles.rate);
			if (provider) {
				row.number(line.rawCost(), this.styles.rate)
					.number(line.rawUnitMultiplier(), this.styles.rate)
					.text(customerLine.rateDeck(), null);
			}
			row.number(line.perCallCharges(), this.styles.rate).number(line.amount(), this.styles.money);
		});
		if (current[0] != null) {
			subtotal(sheet, current[0], current[1], subtotals.get(current[0]), header.size());
		}
		BigDecimal total = subtotals.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
		sheet.row().text("Total", this.styles.bold).skip(header.size() - 2).number(total, this.styles.boldMoney);
		sheet.fitColumns();
	}

	private void subtotal(Sheet sheet, String customerId, String customerName, BigDecimal subtotal, int columns) {
		Sheet.Line row = sheet.row().text(customerName, this.styles.bold);
		if (this.ids) {
			row.text(customerId, null);
		}
		row.text("Subtotal", this.styles.bold).skip(columns - (this.ids ? 4 : 3)).number(subtotal,
				this.styles.boldMoney);
	}

	private void calls(RowSource<RatedCall> calls, int callsPerSheet) {
		boolean provider = this.audience.seesCarrierCosts();
		ZoneId zone = this.statement.zone();
		List<String> header = new ArrayList<>(List.of("Customer"));
		if (this.ids) {
			header.add("Customer ID");
		}
		header.addAll(List.of("Call ID", "Start (" + this.statement.timeZoneId() + ")", "Channel", "Direction",
				"Status", "From", "To", "Duration (s)", "Billable (s)", "Units", "Unit", "Item"));
		if (provider) {
			header.addAll(List.of("Raw Cost", "Pricing", "Rate Deck", "Prefix"));
		}
		List<Sheet> sheets = new ArrayList<>();
		sheets.add(callsSheet(1, header));
		int[] rows = { 0 };
		calls.forEach(call -> {
			if (rows[0] == callsPerSheet) {
				sheets.get(sheets.size() - 1).fitColumns();
				sheets.add(callsSheet(sheets.size() + 1, header));
				rows[0] = 0;
			}
			rows[0]++;
			Sheet.Line row = sheets.get(sheets.size() - 1).row().text(call.customerName(), null);
			if (this.ids) {
				row.text(call.customerId(), null);
			}
			row.text(call.callId(), null)
				.dateTime(call.startTime().atZone(zone).toLocalDateTime(), this.styles.dateTime)
				.text(call.channel(), null)
				.text(call.direction(), null)
				.text(call.status(), null)
				.text(call.from(), null)
				.text(call.to(), null)
				.integer((long) call.durationSeconds())
				.integer((long) call.billableSeconds())
				.integer(call.units())
				.text(Units.of(call.item()), null)
				.text(call.item().displayName(), null);
			if (provider) {
				row.number(call.rawCost(), this.styles.rate)
					.text(call.pricing(), null)
					.text(call.rateDeck(), null)
					.text(call.ratePrefix(), null);
			}
		});
		sheets.get(sheets.size() - 1).fitColumns();
	}

	private Sheet callsSheet(int number, List<String> header) {
		Sheet sheet = new Sheet(this.workbook.createSheet((number == 1) ? "Calls" : "Calls (" + number + ")"));
		sheet.header(header);
		sheet.freezeHeader();
		return sheet;
	}

	/**
	 * POI stamps each zip entry with the time of writing; the entries are copied with one fixed time
	 * instead, so that two nodes that make the same workbook make the same bytes. They are copied as
	 * they are compressed, not compressed again: the Calls sheets of a million calls are large.
	 */
	private void writeTo(Path scratch, OutputStream out) throws IOException {
		Files.createDirectories(scratch);
		Path written = Files.createTempFile(scratch, "workbook", ".poi");
		try {
			try (OutputStream poi = Files.newOutputStream(written)) {
				this.workbook.write(poi);
			}
			try (ZipFile in = ZipFile.builder().setPath(written).get()) {
				ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out);
				for (ZipArchiveEntry entry : Collections.list(in.getEntries())) {
					ZipArchiveEntry copy = new ZipArchiveEntry(entry.getName());
					copy.setMethod(entry.getMethod());
					copy.setCrc(entry.getCrc());
					copy.setSize(entry.getSize());
					copy.setCompressedSize(entry.getCompressedSize());
					copy.setTime(ENTRY_TIME);
					try (InputStream raw = in.getRawInputStream(entry)) {
						zip.addRawArchiveEntry(copy, raw);
					}
				}
				zip.finish();
			}
		}
		finally {
			Files.deleteIfExists(written);
		}
	}

	/** A sheet written row by row, keeping the widest text of each column to size the columns after. */
	private final class Sheet {

		/** Characters a column is at most sized for. */
		private static final int MAX_WIDTH = 60;

		private final SXSSFSheet sheet;

		private final List<Integer> widths = new ArrayList<>();

		private int rows;

		private int headerRow = -1;

		Sheet(SXSSFSheet sheet) {
			this.sheet = sheet;
		}

		Line row() {
			return new Line(this.sheet.createRow(this.rows++));
		}

		void header(List<String> names) {
			this.headerRow = this.rows;
			Line line = row();
			names.forEach(name -> line.text(name, BillingWorkbook.this.styles.bold));
		}

		void freezeHeader() {
			this.sheet.createFreezePane(0, this.headerRow + 1);
		}

		void fitColumns() {
			for (int column = 0; column < this.widths.size(); column++) {
				this.sheet.setColumnWidth(column, (Math.min(this.widths.get(column), MAX_WIDTH) + 2) * 256);
			}
		}

		private void measure(int column, int characters) {
			while (this.widths.size() <= column) {
				this.widths.add(0);
			}
			if (characters > this.widths.get(column)) {
				this.widths.set(column, characters);
			}
		}

		/** One row, its cells added left to right. */
		final class Line {

			private final Row row;

			private int column;

			Line(Row row) {
				this.row = row;
			}

			/** A text cell (never a formula, whatever it starts with); {@code null} leaves it empty. */
			Line text(String text, CellStyle style) {
				Cell cell = next(style);
				if (text != null) {
					String safe = SafeText.cell(text);
					cell.setCellValue(safe);
					measure(this.column - 1, safe.length());
				}
				return this;
			}

			Line number(BigDecimal value, CellStyle style) {
				Cell cell = next(style);
				if (value != null) {
					cell.setCellValue(value.doubleValue());
					// the digits, grouping and a currency code
					measure(this.column - 1, value.setScale(Math.max(2, value.stripTrailingZeros().scale()),
							RoundingMode.UNNECESSARY).toPlainString().length() + 6);
				}
				return this;
			}

			Line integer(Long value) {
				Cell cell = next(null);
				if (value != null) {
					cell.setCellValue(value);
					measure(this.column - 1, String.valueOf(value).length() + 2);
				}
				return this;
			}

			Line ratio(Double value, CellStyle style) {
				Cell cell = next(style);
				if (value != null) {
					cell.setCellValue(value);
					measure(this.column - 1, 7);
				}
				return this;
			}

			Line dateTime(LocalDateTime value, CellStyle style) {
				next(style).setCellValue(value);
				measure(this.column - 1, 19);
				return this;
			}

			Line skip(int columns) {
				this.column += columns;
				return this;
			}

			private Cell next(CellStyle style) {
				Cell cell = this.row.createCell(this.column++);
				if (style != null) {
					cell.setCellStyle(style);
				}
				return cell;
			}

		}

	}

}
