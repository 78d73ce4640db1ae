package org.billingreports.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** A downloaded workbook opened with Apache POI, its sheets read as rows of plain values. */
public final class Workbooks {

	private Workbooks() {
	}

	public static XSSFWorkbook open(byte[] bytes) throws IOException {
		return new XSSFWorkbook(new ByteArrayInputStream(bytes));
	}

	/**
	 * The sheet's rows, each a list of its cells' values up to its last cell: text as {@link String},
	 * numbers as {@link BigDecimal} (as the cell shows them, without trailing zeros), date cells as
	 * {@link java.time.LocalDateTime}, empty cells as {@code null}. Fails on a formula cell: a billing
	 * workbook has none.
	 */
	public static List<List<Object>> rows(Sheet sheet) {
		List<List<Object>> rows = new ArrayList<>();
		for (int r = 0; r <= sheet.getLastRowNum(); r++) {
			Row row = sheet.getRow(r);
			List<Object> values = new ArrayList<>();
			if (row != null) {
				for (int c = 0; c < row.getLastCellNum(); c++) {
					values.add(value(row.getCell(c)));
				}
			}
			rows.add(values);
		}
		return rows;
	}

	private static Object value(Cell cell) {
		if (cell == null || cell.getCellType() == CellType.BLANK) {
			return null;
		}
		return switch (cell.getCellType()) {
			case STRING -> cell.getStringCellValue();
			case NUMERIC -> DateUtil.isCellDateFormatted(cell) ? cell.getLocalDateTimeCellValue()
					: decimal(cell.getNumericCellValue());
			case BOOLEAN -> cell.getBooleanCellValue();
			default -> throw new AssertionError("a " + cell.getCellType() + " cell at " + cell.getAddress());
		};
	}

	private static BigDecimal decimal(double value) {
		BigDecimal decimal = BigDecimal.valueOf(value).stripTrailingZeros();
		return (decimal.scale() < 0) ? decimal.setScale(0) : decimal;
	}

	/** A decimal as {@link #rows} gives it, for comparing: {@code dec("12.50")} is {@code 12.5}. */
	public static BigDecimal dec(String value) {
		return decimal(Double.parseDouble(value));
	}

}
