package org.billingreports.ratedecks;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A rate deck as the API shows it: its newest version (what a report started now rates with), the
 * rates of that version per item, and every version.
 */
public record RateDeckInfo(String id, String accountId, String name, int version, Map<String, Long> ratesPerItem,
		List<VersionInfo> versions) {

	/** One upload. */
	public record VersionInfo(int version, String fileName, int rates, String uploadedBy, Instant uploadedAt) {
	}

}
