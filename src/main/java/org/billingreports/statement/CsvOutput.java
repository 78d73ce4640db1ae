package org.billingreports.statement;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** An RFC 4180 CSV in UTF-8 with a header row, written row by row from inside a {@link RowSource}. */
final class CsvOutput {

	private final CSVPrinter printer;

	CsvOutput(OutputStream out, List<String> header) throws IOException {
		this.printer = new CSVPrinter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)),
				CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get());
	}

	/** Values as they are to be written; fails unchecked, as a row consumer must. */
	private void row(List<?> values) {
		try {
			this.printer.printRecord(values);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Writes the rows the source gives, then flushes; what failed to be written is thrown as it was. */
	<T> void rows(RowSource<T> source, Function<T, List<?>> values) throws IOException {
		try {
			source.forEach(row -> row(values.apply(row)));
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
		this.printer.flush();
	}

}
