package org.billingreports.calls;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

import org.billingreports.rating.Channel;
import org.billingreports.rating.Direction;

/**
 * The service's own CSV ({@code formats.md}, Call records in): a header row names the columns, in any order;
 * {@code callId, customerId, channel, direction, startTime, status} are required, the others may
 * be left out.
 */
@Component
class NativeFormat implements CallRecordFormat {

	static final List<String> COLUMNS = List.of("callId", "customerId", "channel", "direction", "from", "to",
			"startTime", "answerTime", "endTime", "durationSeconds", "billableSeconds", "status", "carrierCost");

	private static final List<String> REQUIRED = List.of("callId", "customerId", "channel", "direction",
			"startTime", "status");

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
		return (line, context) -> parse(new Row(line.fields(), positions, width), context.zone());
	}

	private static Map<String, Integer> positions(List<String> header) {
		Map<String, String> known = new HashMap<>();
		COLUMNS.forEach(column -> known.put(column.toLowerCase(Locale.ROOT), column));
		Map<String, Integer> positions = new HashMap<>();
		for (int i = 0; i < header.size(); i++) {
			String column = known.get(header.get(i).strip().toLowerCase(Locale.ROOT));
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

	private static CallRecord parse(Row row, ZoneId zone) {
		Channel channel = Channel.parse(row.get("channel"));
		if (channel == null) {
			throw new RejectedLineException("channel must be voice, sms or fax, not '" + row.get("channel") + "'");
		}
		Direction direction = Direction.parse(row.get("direction"));
		if (direction == null) {
			throw new RejectedLineException(
					"direction must be inbound or outbound, not '" + row.get("direction") + "'");
		}
		return new CallRecord(Fields.required("callId", row.get("callId"), 150),
				Fields.required("customerId", row.get("customerId"), 100), channel, direction,
				Fields.optional("from", row.get("from"), 64), Fields.optional("to", row.get("to"), 64), null,
				Fields.requiredTime("startTime", row.get("startTime"), zone),
				Fields.optionalTime("answerTime", row.get("answerTime"), zone),
				Fields.optionalTime("endTime", row.get("endTime"), zone),
				Fields.count("durationSeconds", row.get("durationSeconds")),
				Fields.count("billableSeconds", row.get("billableSeconds")),
				Fields.required("status", row.get("status"), 30).toLowerCase(Locale.ROOT),
				Fields.money("carrierCost", row.get("carrierCost")));
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
