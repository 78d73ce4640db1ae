package org.billingreports.ingestion;

import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * A {@code mod_json_cdr} leg: {@code variables} (URL-encoded values unless {@code encode-values} is
 * {@code false}), {@code callflow} as an object (older FreeSWITCH) or an array, newest first.
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

	private final JsonNode variables;

	/** The call flows, newest first. */
	private final List<JsonNode> callflows;

	private final JsonNode callflow;

	private final boolean encodedValues;

	private JsonLeg(JsonNode variables, List<JsonNode> callflows, boolean encodedValues) {
		this.variables = variables;
		this.callflows = callflows;
		this.callflow = callflows.isEmpty() ? MissingNode.getInstance() : callflows.get(0);
		this.encodedValues = encodedValues;
	}

	static JsonLeg read(PostedBody body) {
		JsonNode root;
		try {
			root = JSON.readTree(body.document());
		}
		catch (JacksonException ex) {
			throw new UnreadableLegException((body.urlDecoded()
					? "the leg was posted URL-encoded (encode=true) over URL-encoded values, and a value's own %22 "
							+ "cannot be told from the document's quotes: set encode-values to false, or encode to false "
							+ "or base64, in json_cdr.conf.xml. "
					: "the body is not a FreeSWITCH JSON leg. ") + ex.getOriginalMessage());
		}
		JsonNode variables = root.path("variables");
		if (!variables.isObject()) {
			throw new UnreadableLegException("the JSON has no \"variables\" object: it is not a mod_json_cdr leg");
		}
		JsonNode callflow = root.path("callflow");
		List<JsonNode> callflows = callflow.isArray() ? callflow.valueStream().toList()
				: callflow.isObject() ? List.of(callflow) : List.of();
		return new JsonLeg(variables, callflows, !body.urlDecoded() && encoded(variables));
	}

	private static boolean encoded(JsonNode variables) {
		boolean escapes = false;
		for (Map.Entry<String, JsonNode> variable : variables.properties()) {
			String value = variable.getValue().asString("");
			for (int i = 0; i < value.length(); i++) {
				if (REPLACED.indexOf(value.charAt(i)) >= 0 || value.charAt(i) > '~') {
					return false;
				}
			}
			escapes |= value.indexOf('%') >= 0;
		}
		return escapes;
	}

	@Override
	public String variable(String name) {
		JsonNode value = this.variables.get(name);
		if (value == null || value.isNull() || value.isContainer()) {
			return null;
		}
		String text = this.encodedValues ? PostedBody.percentDecoded(value.asString()) : value.asString();
		return text.isEmpty() ? null : text;
	}

	@Override
	public String profile(String name) {
		return text(this.callflow.path("caller_profile").get(name));
	}

	@Override
	public String time(String name) {
		return text(this.callflow.path("times").get(name));
	}

	@Override
	public boolean originated() {
		return this.callflows.stream().anyMatch(flow -> flow.path("caller_profile").has("originator"));
	}

	private static String text(JsonNode value) {
		return (value == null || value.isNull() || value.isContainer() || value.asString().isEmpty()) ? null
				: value.asString();
	}

}
