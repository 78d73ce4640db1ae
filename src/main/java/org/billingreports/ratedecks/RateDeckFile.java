package org.billingreports.ratedecks;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import org.billingreports.kernel.ApiException;
import org.billingreports.rating.BillingItem;
import org.billingreports.rating.RateDeck;
import org.billingreports.rating.Tariff;

/**
 * Reads a rate deck's CSV file (RFC 4180, UTF-8, header row; see {@code formats.md}), streaming: each
 * good line goes to the consumer, each bad one becomes a rejection with its line number and reason.
 * A file that cannot be read as a deck at all (no header, a missing column) is a 400.
 */
final class RateDeckFile {

	static final List<String> REQUIRED = List.of("prefix", "description", "connectFee", "rate", "rateUnitSeconds",
			"firstIncrementSeconds", "nextIncrementSeconds", "minimumCharge", "effectiveFrom");

	static final List<String> OPTIONAL = List.of("effectiveTo", "item");

	/**
	 * The most rate lines a deck may have: five times the largest decks in use (a carrier's worldwide
	 * deck has about 100,000), and what a partition holds in memory with room to spare.
	 */
	static final int MAX_RATES = 500_000;

	/** The rejections an answer lists; all of them are counted. */
	static final int MAX_LISTED = 100;

	private static final int MAX_SECONDS = 86_400;

	/** The decimal places the database keeps of a price. */
	private static final int MAX_SCALE = 10;

	private static final int MAX_INTEGER_DIGITS = 18;

	private static final int MAX_DESCRIPTION = 200;

	private static final int MAX_ECHO = 500;

	private static final String BYTE_ORDER_MARK = "\uFEFF";

	/** One good line of the file. */
	record RateLine(long lineNumber, BillingItem item, String prefix, String description, Tariff tariff,
			Instant effectiveFrom, Instant effectiveTo) {
	}

	/** What a read found: the good lines, the bad ones and the first of those. */
	record Result(long rates, long rejected, List<DeckUpload.Rejection> rejections) {

		long lines() {
			return this.rates + this.rejected;
		}

	}

	private RateDeckFile() {
	}

	/**
	 * @param defaultItem the item of lines when the file has no {@code item} column
	 * @param zone the account's time zone, for effective dates given as days
	 */
	static Result read(InputStream input, BillingItem defaultItem, ZoneId zone, Consumer<RateLine> rates)
			throws IOException {
		Reader reader = new InputStreamReader(input, StandardCharsets.UTF_8);
		CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
			.setIgnoreEmptyLines(true).setAllowMissingColumnNames(true).get();
		long lines = 0;
		long accepted = 0;
		long rejected = 0;
		List<DeckUpload.Rejection> rejections = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		try (CSVParser parser = CSVParser.parse(reader, format)) {
			Map<String, Integer> columns = columns(parser.getHeaderNames());
			for (CSVRecord record : parser) {
				lines++;
				if (lines > MAX_RATES) {
					throw ApiException.badRequest("TooManyRates", "A rate deck holds at most " + MAX_RATES
							+ " rate lines; split it, e.g. one deck per item");
				}
				// The line the record ends on: a rate line is one line.
				long lineNumber = parser.getCurrentLineNumber();
				try {
					RateLine line = line(lineNumber, record, columns, defaultItem, zone);
					String key = line.item().code() + ":" + line.prefix() + ":" + line.effectiveFrom();
					if (!seen.add(key)) {
						throw new IllegalArgumentException("prefix " + line.prefix() + " of " + line.item().displayName()
								+ " has a line from " + line.effectiveFrom() + " already");
					}
					rates.accept(line);
					accepted++;
				}
				catch (IllegalArgumentException | DateTimeException ex) {
					rejected++;
					if (rejections.size() < MAX_LISTED) {
						rejections.add(new DeckUpload.Rejection(lineNumber, ex.getMessage(), echo(record)));
					}
				}
			}
		}
		catch (UncheckedIOException | IllegalStateException ex) {
			throw ApiException.badRequest("InvalidFile", "The file cannot be read as CSV after line " + lines
					+ ": " + ex.getMessage());
		}
		if (lines == 0) {
			throw ApiException.badRequest("EmptyFile", "The file has no rate line after its header");
		}
		return new Result(accepted, rejected, rejections);
	}

	/** The position of each known column, by its name in {@link #REQUIRED} or {@link #OPTIONAL}. */
	private static Map<String, Integer> columns(List<String> header) {
		if (header.isEmpty()) {
			throw ApiException.badRequest("EmptyFile", "The file is empty; its first line must be the header: "
					+ String.join(",", REQUIRED) + "[,effectiveTo][,item]");
		}
		Map<String, String> known = new HashMap<>();
		for (String name : REQUIRED) {
			known.put(name.toLowerCase(Locale.ROOT), name);
		}
		for (String name : OPTIONAL) {
			known.put(name.toLowerCase(Locale.ROOT), name);
		}
		Map<String, Integer> columns = new HashMap<>();
		for (int i = 0; i < header.size(); i++) {
			// A spreadsheet saves UTF-8 with a byte-order mark before the first name.
			String name = known.get(header.get(i).replace(BYTE_ORDER_MARK, "").strip().toLowerCase(Locale.ROOT));
			if (name == null) {
				throw ApiException.badRequest("UnknownColumn", "Column '" + echo(header.get(i)) + "' is not a rate "
						+ "deck column; the columns are " + String.join(",", REQUIRED) + "[,effectiveTo][,item]");
			}
			if (columns.put(name, i) != null) {
				throw ApiException.badRequest("RepeatedColumn", "Column '" + name + "' appears twice");
			}
		}
		List<String> missing = REQUIRED.stream().filter(name -> !columns.containsKey(name)).toList();
		if (!missing.isEmpty()) {
			throw ApiException.badRequest("MissingColumn", "The header lacks " + String.join(", ", missing));
		}
		return columns;
	}

	private static RateLine line(long lineNumber, CSVRecord record, Map<String, Integer> columns,
			BillingItem defaultItem, ZoneId zone) {
		Fields fields = new Fields(record, columns);
		String prefix = fields.get("prefix");
		String digits = prefix.startsWith("+") ? prefix.substring(1) : prefix;
		if (!RateDeck.isPrefix(digits)) {
			throw new IllegalArgumentException("prefix '" + echo(prefix) + "' is not 1 to 15 digits (not starting with 0)");
		}
		String description = Objects.requireNonNullElse(fields.optional("description"), "");
		if (description.length() > MAX_DESCRIPTION) {
			throw new IllegalArgumentException("description is longer than " + MAX_DESCRIPTION + " characters");
		}
		String itemName = fields.optional("item");
		BillingItem item = (itemName != null) ? callItem(itemName) : defaultItem;
		Tariff tariff = new Tariff(money(fields, "connectFee"), money(fields, "rate"),
				seconds(fields, "rateUnitSeconds", 1), seconds(fields, "firstIncrementSeconds", 0),
				seconds(fields, "nextIncrementSeconds", 1), money(fields, "minimumCharge"));
		Instant from = instant(fields.get("effectiveFrom"), zone, "effectiveFrom");
		String toText = fields.optional("effectiveTo");
		Instant to = (toText != null) ? instant(toText, zone, "effectiveTo") : null;
		if (to != null && !to.isAfter(from)) {
			throw new IllegalArgumentException("effectiveTo must be after effectiveFrom");
		}
		return new RateLine(lineNumber, item, digits, description, tariff, from, to);
	}

	/** A billing item of calls, by its settings name ({@code outboundVoiceCalls}) or its file name. */
	static BillingItem callItem(String name) {
		for (BillingItem item : BillingItem.values()) {
			boolean calls = item != BillingItem.BASE && item != BillingItem.LOCAL_NUMBERS
					&& item != BillingItem.TOLL_FREE_NUMBERS;
			if (calls && (item.settingsField().equalsIgnoreCase(name) || item.displayName().equalsIgnoreCase(name))) {
				return item;
			}
		}
		throw new IllegalArgumentException("item '" + echo(name) + "' is not one of inboundVoiceCalls, "
				+ "outboundVoiceCalls, inboundFaxes, outboundFaxes, inboundSmsMessages, outboundSmsMessages");
	}

	private static BigDecimal money(Fields fields, String name) {
		String text = fields.get(name);
		BigDecimal value;
		try {
			value = new BigDecimal(text);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(name + " '" + echo(text) + "' is not a decimal number such as 0.015");
		}
		if (value.signum() < 0) {
			throw new IllegalArgumentException(name + " must not be negative");
		}
		if (value.scale() > MAX_SCALE || value.precision() - value.scale() > MAX_INTEGER_DIGITS) {
			throw new IllegalArgumentException(name + " has more than " + MAX_SCALE + " decimal places or "
					+ MAX_INTEGER_DIGITS + " digits before the point");
		}
		return value;
	}

	private static int seconds(Fields fields, String name, int min) {
		String text = fields.get(name);
		try {
			int value = Integer.parseInt(text);
			if (value >= min && value <= MAX_SECONDS) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// said below
		}
		throw new IllegalArgumentException(name + " '" + echo(text) + "' must be a whole number of seconds from "
				+ min + " to " + MAX_SECONDS);
	}

	/** A day (its start in the account's time zone) or an instant with its offset. */
	private static Instant instant(String text, ZoneId zone, String name) {
		try {
			if (text.length() == 10) {
				return LocalDate.parse(text).atStartOfDay(zone).toInstant();
			}
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeException ex) {
			throw new IllegalArgumentException(name + " '" + echo(text) + "' is not a day (2026-07-01) or a time "
					+ "with its offset (2026-07-01T00:00:00Z)");
		}
	}

	private static String echo(CSVRecord record) {
		return echo(String.join(",", record.values()));
	}

	private static String echo(String text) {
		return (text.length() <= MAX_ECHO) ? text : text.substring(0, MAX_ECHO) + "…";
	}

	/** A record's fields by column name. */
	private record Fields(CSVRecord record, Map<String, Integer> columns) {

		String get(String name) {
			String value = optional(name);
			if (value == null) {
				throw new IllegalArgumentException(name + " is required");
			}
			return value;
		}

		String optional(String name) {
			Integer column = this.columns.get(name);
			if (column == null || column >= this.record.size()) {
				return null;
			}
			String value = this.record.get(column).strip();
			return value.isEmpty() ? null : value;
		}

	}

}
