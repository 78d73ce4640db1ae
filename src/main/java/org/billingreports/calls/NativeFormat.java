package org.billingreports.calls;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.springframework.stereotype.Component;

import org.billingreports.rating.Channel;
import org.billingreports.rating.Direction;

/**
 * The service's own CSV ({@code formats.md}, Call records in): a header row names the columns, in any order;
 * {@code callId, customerId, channel, direction, startTime, status} are required, the others may
 * be left out. A record pushed alone comes as the same fields by name ({@link #record}).
 */
@Component
class NativeFormat implements CallRecordFormat {

	static final List<String> COLUMNS = List.of("callId", "customerId", "channel", "direction", "from", "to",
			"startTime", "answerTime", "endTime", "durationSeconds", "billableSeconds", "status", "carrierCost");

	private static final List<String> REQUIRED = List.of("callId", "customerId", "channel", "direction",
			"startTime", "status");

	/** The columns by their names in lower case: a header (or a record's field) names them in any case. */
	private static final Map<String, String> KNOWN = known();

	@Override
	public String name() {
		return "native";
	}

	@Override
	public boolean hasHeader() {
		return true;
	}

	@Override
	public CallLineParser parser(List<String> header) {
		Map<String, Integer> positions = positions(header);
		int width = header.size();
		return (line, context) -> parse(new Row(line.fields(), positions, width)::get, context.zone());
	}

	/**
	 * One record given as its fields by column name, as the header names them (any case; other names are
	 * ignored, as other columns are), e.g. a message's JSON object.
	 * @param zone the time zone of times written without an offset
	 * @throws RejectedLineException when a required field is missing or a value is not valid
	 */
	static CallRecord record(Map<String, String> fields, ZoneId zone) {
		Map<String, String> values = new HashMap<>();
		fields.forEach((name, value) -> {
			String column = KNOWN.get(name.strip().toLowerCase(Locale.ROOT));
			if (column != null && value != null) {
				values.putIfAbsent(column, value);
			}
		});
		List<String> missing = new ArrayList<>(REQUIRED);
		missing.removeAll(values.keySet());
		if (!missing.isEmpty()) {
			throw new RejectedLineException("the record lacks " + String.join(", ", missing));
		}
		return parse(values::get, zone);
	}

	private static Map<String, String> known() {
		Map<String, String> known = new HashMap<>();
		COLUMNS.forEach(column -> known.put(column.toLowerCase(Locale.ROOT), column));
		return Map.copyOf(known);
	}

	private static Map<String, Integer> positions(List<String> header) {
		Map<String, Integer> positions = new HashMap<>();
		for (int i = 0; i < header.size(); i++) {
			String column = KNOWN.get(header.get(i).strip().toLowerCase(Locale.ROOT));
			if (column != null) {
				positions.putIfAbsent(column, i);
			}
		}
		List<String> missing = new ArrayList<>(REQUIRED);
		missing.removeAll(positions.keySet());
		if (!missing.isEmpty()) {
			throw new IllegalArgumentException("The first line must be the header " + String.join(",", COLUMNS)
					+ "; it lacks " + String.join(", ", missing));
		}
		return positions;
	}

	private static CallRecord parse(UnaryOperator<String> row, ZoneId zone) {
		Channel channel = Channel.parse(row.apply("channel"));
		if (channel == null) {
			throw new RejectedLineException("channel must be voice, sms or fax, not '" + row.apply("channel") + "'");
		}
		Direction direction = Direction.parse(row.apply("direction"));
		if (direction == null) {
			throw new RejectedLineException(
					"direction must be inbound or outbound, not '" + row.apply("direction") + "'");
		}
		return new CallRecord(Fields.required("callId", row.apply("callId"), 150),
				Fields.required("customerId", row.apply("customerId"), 100), channel, direction,
				Fields.optional("from", row.apply("from"), 64), Fields.optional("to", row.apply("to"), 64), null,
				Fields.requiredTime("startTime", row.apply("startTime"), zone),
				Fields.optionalTime("answerTime", row.apply("answerTime"), zone),
				Fields.optionalTime("endTime", row.apply("endTime"), zone),
				Fields.count("durationSeconds", row.apply("durationSeconds")),
				Fields.count("billableSeconds", row.apply("billableSeconds")),
				Fields.required("status", row.apply("status"), 30).toLowerCase(Locale.ROOT),
				Fields.money("carrierCost", row.apply("carrierCost")));
	}

	/** One line's fields, looked up by column name. */
	private record Row(List<String> fields, Map<String, Integer> positions, int width) {

		Row {
			if (fields.size() != width) {
				throw new RejectedLineException(
						"expected " + width + " fields as in the header, found " + fields.size());
			}
		}

		String get(String column) {
			Integer position = this.positions.get(column);
			return (position != null) ? this.fields.get(position) : null;
		}

	}

}
