package org.billingreports.monitoring;

import java.util.regex.Pattern;

import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * Masks secrets that may sit in a logged URL or header (download-link tokens, API keys, Bearer and
 * Basic credentials) in JSON logs, as the text layout's pattern does in application.yml.
 */
public class LogRedaction implements StructuredLoggingJsonMembersCustomizer<Object> {

	private static final Pattern SECRET = Pattern.compile("(token=|Bearer |Basic |bk_)[^&\\s\"]+");

	@Override
	public void customize(JsonWriter.Members<Object> members) {
		members.applyingValueProcessor(JsonWriter.ValueProcessor.of(String.class, LogRedaction::redact));
	}

	static String redact(String text) {
		return (text != null) ? SECRET.matcher(text).replaceAll("$1[redacted]") : null;
	}

}
