package org.billingreports.statement;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;

/**
 * The billing file ({@code formats.md}, The billing file out), the contract of existing integrations: its columns, order and
 * rounding never change. For a customer ({@link Audience#CUSTOMER}) the {@code Raw Cost} column is
 * there, empty: the carrier's cost is the provider's business, and a program that reads the columns
 * by name still finds every one.
 */
final class BillingCsv {

	private BillingCsv() {
	}

	static void write(Statement statement, Audience audience, RowSource<StatementRepository.CustomerLine> lines,
			OutputStream out) throws IOException {
		boolean ids = statement.includeCustomerIds();
		new CsvOutput(out, BillingFileColumns.header(ids)).rows(lines, line -> BillingFileColumns
			.values(line.customerName(), line.customerId(), line.line(), ids, audience)
			.stream()
			.map(value -> (value instanceof BigDecimal decimal) ? decimal.toPlainString()
					: (value instanceof String text) ? SafeText.csv(text) : value)
			.toList());
	}

}
