package org.billingreports.ingestion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.billingreports.support.Api;

/**
 * The real {@code mod_json_cdr} leg of the samples, and the bodies FreeSWITCH makes of a leg in each of its
 * settings, with its own encoder's rules ({@code switch_url_encode}: the characters it deems unsafe as
 * {@code %XX}, an existing {@code %XX} left as it is).
 */
final class FreeSwitchLegs {

	/** The sample's uuid, and the uuid of the B leg it bridged to. */
	static final String A_UUID = "c8ccef5e-34c2-4fd2-9a2e-fa6f295f3a1e";

	static final String B_UUID = "28262ed6-9d57-4dac-8f0b-9cad38cc5183";

	static final String JSON = "application/json";

	static final String FORM = "application/x-www-form-urlencoded";

	static final String BASE64 = "application/x-www-form-base64-encoded";

	private static final String UNSAFE = "\r\n #%&+:;<=>?@[\\]^`{|}\"";

	private FreeSwitchLegs() {
	}

	/** The sample as FreeSWITCH posted it (values URL-encoded, callflow an object), with another uuid. */
	static String encodedValues(String uuid) {
		return sample().replace(A_UUID, uuid);
	}

	/** The same leg with plain values, as with {@code encode-values=false}. */
	static String plainValues(String uuid) {
		ObjectNode leg = (ObjectNode) Api.JSON.readTree(encodedValues(uuid));
		ObjectNode variables = (ObjectNode) leg.get("variables");
		for (Map.Entry<String, JsonNode> variable : List.copyOf(variables.properties())) {
			variables.put(variable.getKey(), PostedBody.percentDecoded(variable.getValue().asString()));
		}
		return Api.JSON.writeValueAsString(leg);
	}

	/** A newer FreeSWITCH's shape: {@code callflow} an array. */
	static String callflowArray(String json) {
		ObjectNode leg = (ObjectNode) Api.JSON.readTree(json);
		ArrayNode flows = Api.JSON.createArrayNode().add(leg.get("callflow"));
		leg.set("callflow", flows);
		return Api.JSON.writeValueAsString(leg);
	}

	/** The B leg of the same call: originated by the A leg, which its caller profile names. */
	static String bLeg(String aUuid, String bUuid) {
		ObjectNode leg = (ObjectNode) Api.JSON.readTree(encodedValues(bUuid).replace(B_UUID, aUuid));
		((ObjectNode) leg.get("variables")).put("uuid", bUuid);
		ObjectNode profile = (ObjectNode) leg.get("callflow").get("caller_profile");
		JsonNode originatee = profile.remove("originatee");
		ObjectNode originator = Api.JSON.createObjectNode();
		originator.set("originator_caller_profiles", originatee.get("originatee_caller_profiles"));
		profile.set("originator", originator);
		return Api.JSON.writeValueAsString(leg);
	}

	/** {@code encode=true}: {@code cdr=} and the document through FreeSWITCH's URL encoder. */
	static String form(String document) {
		return "cdr=" + switchUrlEncode(document);
	}

	/** {@code encode=base64}. */
	static String base64(String document) {
		return "cdr=" + Base64.getEncoder().encodeToString(document.getBytes(StandardCharsets.UTF_8));
	}

	/** {@code switch_url_encode}: unsafe and non-ASCII bytes as {@code %XX}, but an existing {@code %XX} kept. */
	static String switchUrlEncode(String text) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		StringBuilder out = new StringBuilder(bytes.length * 2);
		for (int i = 0; i < bytes.length; i++) {
			int b = bytes[i] & 0xff;
			boolean escape = b == '%' && i + 2 < bytes.length && isUpperHex(bytes[i + 1]) && isUpperHex(bytes[i + 2]);
			if (!escape && (b < ' ' || b > '~' || UNSAFE.indexOf(b) >= 0)) {
				out.append('%').append(String.format("%02X", b));
			}
			else {
				out.append((char) b);
			}
		}
		return out.toString();
	}

	private static boolean isUpperHex(byte b) {
		return "0123456789ABCDEF".indexOf(b) >= 0;
	}

	private static String sample() {
		try (InputStream in = FreeSwitchLegs.class
			.getResourceAsStream("/cdr/real/freeswitch-json/" + A_UUID + ".cdr.json")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
