package org.billingreports.accounts;

import java.util.EnumMap;
import java.util.Map;

import jakarta.validation.Valid;

import org.billingreports.rating.BillingItem;
import org.billingreports.rating.BillingSettings;
import org.billingreports.rating.ItemSettings;

/** Evo's {@code BillingSettings}: the nine items, each optional. */
public record BillingSettingsDto(@Valid BillingItemDto base, @Valid BillingItemDto localNumbers,
		@Valid BillingItemDto tollFreeNumbers, @Valid BillingItemDto inboundVoiceCalls,
		@Valid BillingItemDto outboundVoiceCalls, @Valid BillingItemDto inboundFaxes,
		@Valid BillingItemDto outboundFaxes, @Valid BillingItemDto inboundSmsMessages,
		@Valid BillingItemDto outboundSmsMessages) {

	public BillingSettings toSettings() {
		Map<BillingItem, BillingItemDto> given = byItem();
		Map<BillingItem, ItemSettings> items = new EnumMap<>(BillingItem.class);
		given.forEach((item, dto) -> items.put(item, dto.toSettings()));
		return BillingSettings.of(items);
	}

	/** All nine items, so that a reader sees every price, zeros included. */
	public static BillingSettingsDto of(BillingSettings settings) {
		BillingItemDto[] items = new BillingItemDto[BillingItem.values().length];
		for (BillingItem item : BillingItem.values()) {
			items[item.ordinal()] = BillingItemDto.of(settings.get(item));
		}
		return new BillingSettingsDto(items[0], items[1], items[2], items[3], items[4], items[5], items[6], items[7],
				items[8]);
	}

	private Map<BillingItem, BillingItemDto> byItem() {
		BillingItemDto[] fields = { this.base, this.localNumbers, this.tollFreeNumbers, this.inboundVoiceCalls,
				this.outboundVoiceCalls, this.inboundFaxes, this.outboundFaxes, this.inboundSmsMessages,
				this.outboundSmsMessages };
		Map<BillingItem, BillingItemDto> given = new EnumMap<>(BillingItem.class);
		for (BillingItem item : BillingItem.values()) {
			if (fields[item.ordinal()] != null) {
				given.put(item, fields[item.ordinal()]);
			}
		}
		return given;
	}

}
