package org.billingreports.rating;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** Prices for the nine billing items; an item that was not given costs nothing. */
public final class BillingSettings {

	public static final BillingSettings NONE = new BillingSettings(Map.of());

	private final Map<BillingItem, ItemSettings> items;

	private BillingSettings(Map<BillingItem, ItemSettings> items) {
		this.items = items.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(items));
	}

	public static BillingSettings of(Map<BillingItem, ItemSettings> items) {
		return items.isEmpty() ? NONE : new BillingSettings(items);
	}

	public ItemSettings get(BillingItem item) {
		return this.items.getOrDefault(item, ItemSettings.ZERO);
	}

	/** The items that were given explicitly. */
	public Map<BillingItem, ItemSettings> items() {
		return this.items;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof BillingSettings settings && this.items.equals(settings.items);
	}

	@Override
	public int hashCode() {
		return this.items.hashCode();
	}

	@Override
	public String toString() {
		return "BillingSettings" + this.items;
	}

}
