package org.billingreports.rating;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Everything a customer's bill depends on besides its prices: call usage per item and the phone
 * numbers assigned to it.
 */
public record CustomerUsage(Map<BillingItem, ItemUsage> calls, long localNumbers, long tollFreeNumbers) {

	public static final CustomerUsage NONE = new CustomerUsage(Map.of(), 0, 0);

	public CustomerUsage {
		calls = calls.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(calls));
	}

	public ItemUsage calls(BillingItem item) {
		return this.calls.getOrDefault(item, ItemUsage.NONE);
	}

}
