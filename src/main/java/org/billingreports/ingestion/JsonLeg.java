package org.billingreports.ingestion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@code mod_json_cdr} leg: {@code variables} (URL-encoded values unless {@code encode-values} is
 * {@code false}), {@code callflow} as an object (older FreeSWITCH) or an array, newest first. Read as a stream,
 * keeping only what a call record needs (the variables, each call flow's caller profile and times): the rest of
 * a leg (its application log, the dialplan's applications) is parsed, so that a broken document is still
 * refused, but not kept.
 * <p>
 * Whether the values are URL-encoded is read from the leg itself: the module encodes all or none, and an
 * encoded value never holds a character its encoder replaces (a space, {@code :}, {@code @}, …). A document that
 * was URL-decoded as a whole ({@code encode=true}) had its values decoded with it. That combination over
 * encoded values is the one that cannot always be read back: a value's own {@code %22} became a bare quote
 * and breaks the document (refused, saying so), and its {@code %0D%0A} a raw line break inside a string
 * (read: nothing else can have put it there). Duplicate keys are refused: only a broken value makes them.
 */
final class JsonLeg implements LegDocument {

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	/** What FreeSWITCH's URL encoder replaces, but {@code %}: none of these is in an encoded value. */
	private static final String REPLACED = "\r\n #&+:;<=>?@[\\]^`{|}\"";

	/** A call flow: its caller profile's fields, its times, and whether the profile has an originator. */
	private record Flow(Map<String, String> profile, Map<String, String> times, boolean originated) {

		static final Flow NONE = new Flow(Map.of(), Map.of(), false);

	}

	private final Map<String, String> variables;

	/** The call flows, newest first. */
	private final List<Flow> callflows;

	private final boolean encodedValues;

	private JsonLeg(Map<String, String> variables, List<Flow> callflows, boolean encodedValues) {
		this.variables = variables;
		this.callflows = callflows;
		this.encodedValues = encodedValues;
	}

	static JsonLeg read(PostedBody body) {
		Map<String, String> variables = null;
		List<Flow> callflows = new ArrayList<>();
		try (JsonParser parser = JSON.createParser(body.document())) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new UnreadableLegException("the body is not a FreeSWITCH JSON leg: it is no JSON object");
			}
			for (String name = parser.nextName(); name != null; name = parser.nextName()) {
				JsonToken value = parser.nextToken();
				if (name.equals("variables") && value == JsonToken.START_OBJECT) {
					variables = scalars(parser);
				}
				else if (name.equals("callflow") && value == JsonToken.START_ARRAY) {
					while (parser.nextToken() == JsonToken.START_OBJECT) {
						callflows.add(flow(parser));
					}
				}
				else if (name.equals("callflow") && value == JsonToken.START_OBJECT) {
					callflows.add(flow(parser));
				}
				else {
					parser.skipChildren();
				}
			}
		}
		catch (JacksonException ex) {
			throw new UnreadableLegException((body.urlDecoded()
					? "the leg was posted URL-encoded (encode=true) over URL-encoded values, and a value's own %22 "
							+ "cannot be told from the document's quotes: set encode-values to false, or encode to false "
							+ "or base64, in json_cdr.conf.xml. "
					: "the body is not a FreeSWITCH JSON leg. ") + ex.getOriginalMessage());
		}
		if (variables == null) {
			throw new UnreadableLegException("the JSON has no \"variables\" object: it is not a mod_json_cdr leg");
		}
		return new JsonLeg(variables, callflows, !body.urlDecoded() && encoded(variables));
	}

	/** A call flow object, the parser on its start: its caller profile and times, nothing else kept. */
	private static Flow flow(JsonParser parser) {
		Map<String, String> profile = Map.of();
		Map<String, String> times = Map.of();
		boolean originated = false;
		for (String name = parser.nextName(); name != null; name = parser.nextName()) {
			JsonToken value = parser.nextToken();
			if (name.equals("caller_profile") && value == JsonToken.START_OBJECT) {
				profile = new HashMap<>();
				for (String field = parser.nextName(); field != null; field = parser.nextName()) {
					JsonToken token = parser.nextToken();
					originated |= field.equals("originator");
					if (token.isScalarValue()) {
						profile.put(field, parser.getValueAsString());
					}
					else {
						parser.skipChildren();
					}
				}
			}
			else if (name.equals("times") && value == JsonToken.START_OBJECT) {
				times = scalars(parser);
			}
			else {
				parser.skipChildren();
			}
		}
		return new Flow(profile, times, originated);
	}

	/** An object's scalar members as text, the parser on its start; nested ones are skipped. */
	private static Map<String, String> scalars(JsonParser parser) {
		Map<String, String> values = new HashMap<>();
		for (String name = parser.nextName(); name != null; name = parser.nextName()) {
			if (parser.nextToken().isScalarValue()) {
				values.put(name, parser.getValueAsString());
			}
			else {
				parser.skipChildren();
			}
		}
		return values;
	}

	private static boolean encoded(Map<String, String> variables) {
		boolean escapes = false;
		for (String value : variables.values()) {
			if (value == null) {
				continue;
			}
			for (int i = 0; i < value.length(); i++) {
				char c = value.charAt(i);
				if (c > '~' || REPLACED.indexOf(c) >= 0) {
					return false;
				}
			}
			escapes |= value.indexOf('%') >= 0;
		}
		return escapes;
	}

	@Override
	public String variable(String name) {
		String value = this.variables.get(name);
		if (value == null || value.isEmpty()) {
			return null;
		}
		String text = this.encodedValues ? PostedBody.percentDecoded(value) : value;
		return text.isEmpty() ? null : text;
	}

	@Override
	public String profile(String name) {
		return text(newest().profile().get(name));
	}

	@Override
	public String time(String name) {
		return text(newest().times().get(name));
	}

	@Override
	public boolean originated() {
		return this.callflows.stream().anyMatch(Flow::originated);
	}

	private Flow newest() {
		return this.callflows.isEmpty() ? Flow.NONE : this.callflows.get(0);
	}

	private static String text(String value) {
		return (value == null || value.isEmpty()) ? null : value;
	}

}
