package org.billingreports.calls;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link CsvFields} splits a record as commons-csv's RFC 4180 format does (it replaced a commons-csv
 * parser made per line, which was the import's most expensive step): the same fields for every record
 * commons-csv reads, and a refusal for every record it refuses.
 */
class CsvFieldsTest {

	@ParameterizedTest
	@ValueSource(strings = { "a,b,c", "", ",", ",,", "a,", ",a", "\"a\",b", "\"a,b\",c", "\"a\"\"b\",c",
			"\"\"", "\"\",\"\"", "\"a\nb\",c", "a\"b,c", "a\"\"b,c", " \"a\",b", "\"multi\r\nline\"",
			"\"Anne \"\"Annie\"\" Lee\" <1001>,x", "\"a\" ,b", "\"a\"b,c", "\"unclosed,b", "a,\"unclosed",
			"\"a\"\"", "x,\"\"\"\"", "\"a\"\t,b", "\"a\"  ", "tab\there,ok", "ünïcödé,€", "\"\"\"quoted\"\"\",3" })
	void splitsEveryRecordAsCommonsCsvDoes(String record) {
		List<String> expected;
		try (CSVParser parser = CSVParser.parse(new StringReader(record), CSVFormat.RFC4180)) {
			List<CSVRecord> records = parser.getRecords();
			expected = records.isEmpty() ? List.of("") : records.get(0).toList();
			if (records.size() > 1) {
				expected = null;
			}
		}
		catch (IOException | UncheckedIOException | IllegalStateException refused) {
			expected = null;
		}
		if (expected == null) {
			assertThatIllegalArgumentException().as(record).isThrownBy(() -> CsvFields.split(record, ','));
		}
		else {
			assertThat(CsvFields.split(record, ',')).as(record).isEqualTo(expected);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "a;b;c", "\"1,5\";2", "a,b;c" })
	void splitsOnTheDelimiterItIsGiven(String record) throws IOException {
		try (CSVParser parser = CSVParser.parse(new StringReader(record),
				CSVFormat.RFC4180.builder().setDelimiter(';').get())) {
			assertThat(CsvFields.split(record, ';')).isEqualTo(parser.getRecords().get(0).toList());
		}
	}

}
