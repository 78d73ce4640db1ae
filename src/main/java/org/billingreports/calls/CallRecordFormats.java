package org.billingreports.calls;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

/** The import formats this service reads, by name. */
@Component
class CallRecordFormats {

	static final String DEFAULT = "native";

	private final Map<String, CallRecordFormat> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

	CallRecordFormats(List<CallRecordFormat> formats) {
		formats.forEach(format -> this.byName.put(format.name(), format));
	}

	/** @return the format, or {@code null} when none has that name */
	CallRecordFormat find(String name) {
		return this.byName.get(name);
	}

	String names() {
		return String.join(", ", this.byName.keySet());
	}

}
