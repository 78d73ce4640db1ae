package org.billingreports.statement;

import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Workbook;

/** The cell styles of a billing workbook: made once per workbook, as a workbook's styles are limited. */
final class WorkbookStyles {

	final CellStyle title;

	final CellStyle bold;

	/** Amounts, subtotals, totals: two decimals and the currency, e.g. {@code 1,234.50 USD}. */
	final CellStyle money;

	final CellStyle boldMoney;

	/** Prices and costs, which may have more decimals than money: at least two, up to ten. */
	final CellStyle rate;

	final CellStyle percent;

	final CellStyle dateTime;

	private final Workbook workbook;

	private final List<CellStyle> indents = new ArrayList<>();

	WorkbookStyles(Workbook workbook, String currency) {
		this.workbook = workbook;
		DataFormat formats = workbook.createDataFormat();
		Font boldFont = workbook.createFont();
		boldFont.setBold(true);
		Font titleFont = workbook.createFont();
		titleFont.setBold(true);
		titleFont.setFontHeightInPoints((short) 14);
		this.title = style(titleFont, null, formats);
		this.bold = style(boldFont, null, formats);
		String moneyFormat = "#,##0.00 \"" + currency + "\"";
		this.money = style(null, moneyFormat, formats);
		this.boldMoney = style(boldFont, moneyFormat, formats);
		this.rate = style(null, "#,##0.00########", formats);
		this.percent = style(null, "0.0%", formats);
		this.dateTime = style(null, "yyyy-mm-dd hh:mm:ss", formats);
	}

	/** Text indented by its depth in the customer tree. */
	CellStyle indented(int depth) {
		while (this.indents.size() <= depth) {
			CellStyle style = this.workbook.createCellStyle();
			style.setIndention((short) this.indents.size());
			this.indents.add(style);
		}
		return this.indents.get(depth);
	}

	private CellStyle style(Font font, String format, DataFormat formats) {
		CellStyle style = this.workbook.createCellStyle();
		if (font != null) {
			style.setFont(font);
		}
		if (format != null) {
			style.setDataFormat(formats.getFormat(format));
		}
		return style;
	}

}
