package org.billingreports.ingestion;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.billingreports.calls.RejectedLineException;

/**
 * One call record in the service's native format as a JSON object ({@code formats.md}, Call records in): the
 * CSV header's names as keys, values as strings or numbers ({@code "durationSeconds": 130},
 * {@code "carrierCost": 0.0042}, read exactly), {@code null} for a field left out.
 */
final class NativeRecord {

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private static final String BOM = "\uFEFF";

	private NativeRecord() {
	}

	/**
	 * The record's fields by name, as text.
	 * @throws RejectedLineException when the body is no JSON object of plain values
	 */
	static Map<String, String> read(byte[] body) {
		String text = new String(body, StandardCharsets.UTF_8);
		JsonNode root;
		try {
			root = JSON.readTree(text.startsWith(BOM) ? text.substring(1) : text);
		}
		catch (JacksonException ex) {
			throw new RejectedLineException("the body is not JSON: " + ex.getOriginalMessage());
		}
		if (root == null || !root.isObject()) {
			throw new RejectedLineException("the body is not a JSON object of a call record's fields");
		}
		Map<String, String> fields = new HashMap<>();
		root.properties().forEach(field -> fields.put(field.getKey(), text(field.getKey(), field.getValue())));
		return fields;
	}

	private static String text(String name, JsonNode value) {
		if (value.isContainer()) {
			throw new RejectedLineException(name + " is " + (value.isArray() ? "an array" : "an object")
					+ ", not a value");
		}
		if (value.isNull()) {
			return null;
		}
		// A decimal as written: never 1E-7 for 0.0000001.
		return value.isFloatingPointNumber() ? value.decimalValue().toPlainString() : value.asString();
	}

}
