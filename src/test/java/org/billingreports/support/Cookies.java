package org.billingreports.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Cookies as Evo Voice's command-line client keeps them: every {@code Set-Cookie} name and value of
 * an answer (the last one per name wins), sent back all together, raw, in one {@code Cookie} header.
 */
public final class Cookies {

	private final Map<String, String> values = new LinkedHashMap<>();

	public static Cookies from(ApiResponse response) {
		Cookies cookies = new Cookies();
		for (String line : response.headers().allValues("set-cookie")) {
			int semicolon = line.indexOf(';');
			String pair = (semicolon < 0) ? line : line.substring(0, semicolon);
			int equals = pair.indexOf('=');
			if (equals > 0) {
				cookies.values.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
			}
		}
		return cookies;
	}

	public String get(String name) {
		return this.values.get(name);
	}

	public Map<String, String> all() {
		return Map.copyOf(this.values);
	}

	/** The {@code Cookie} header's value. */
	public String header() {
		return this.values.entrySet()
			.stream()
			.map(cookie -> cookie.getKey() + "=" + cookie.getValue())
			.collect(Collectors.joining("; "));
	}

	/** The same cookies with one value changed, as a tampered or stale copy would have it. */
	public Cookies with(String name, String value) {
		Cookies changed = new Cookies();
		changed.values.putAll(this.values);
		changed.values.put(name, value);
		return changed;
	}

}
