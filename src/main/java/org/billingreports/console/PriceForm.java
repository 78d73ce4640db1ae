package org.billingreports.console;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.billingreports.accounts.BillingItemDto;
import org.billingreports.accounts.BillingSettingsDto;
import org.billingreports.kernel.FieldErrors;
import org.billingreports.rating.BillingItem;
import org.billingreports.rating.BillingSettings;
import org.billingreports.rating.ItemSettings;

/**
 * The nine items' prices as form fields ({@code base.baseCost}, {@code inboundSmsMessages.allowance},
 * …), read into the API's {@link BillingSettingsDto}: a field that is not a number is a field error
 * named as the API names it ({@code billingSettings.base.baseCost}).
 */
final class PriceForm {

	/** The price fields of an item, as the API names them, in the form's column order. */
	static final List<String> FIELDS = List.of("baseCost", "unitCost", "rawUnitMultiplier", "allowance");

	private PriceForm() {
	}

	/** Each item's key in the form and the API, and its name, for the form's rows. */
	static List<Map<String, String>> items() {
		List<Map<String, String>> items = new ArrayList<>();
		for (BillingItem item : BillingItem.values()) {
			items.add(Map.of("key", key(item), "name", item.displayName()));
		}
		return items;
	}

	/** Puts the settings' prices into the form. */
	static void fill(Map<String, String> form, BillingSettings settings) {
		for (BillingItem item : BillingItem.values()) {
			ItemSettings prices = settings.get(item);
			form.put(key(item) + ".baseCost", prices.baseCost().toPlainString());
			form.put(key(item) + ".unitCost", prices.unitCost().toPlainString());
			form.put(key(item) + ".rawUnitMultiplier", prices.rawUnitMultiplier().toPlainString());
			form.put(key(item) + ".allowance", Long.toString(prices.allowance()));
		}
	}

	/** The form's prices; an empty field is left out, as in a JSON request. */
	static BillingSettingsDto read(Map<String, String> form, FieldErrors errors) {
		BillingItemDto[] items = new BillingItemDto[BillingItem.values().length];
		for (BillingItem item : BillingItem.values()) {
			items[item.ordinal()] = new BillingItemDto(decimal(form, item, "baseCost", errors),
					decimal(form, item, "rawUnitMultiplier", errors), decimal(form, item, "unitCost", errors),
					whole(form, item, errors));
		}
		return new BillingSettingsDto(items[0], items[1], items[2], items[3], items[4], items[5], items[6], items[7],
				items[8]);
	}

	/** The item's name in the API's JSON, e.g. {@code inboundSmsMessages}. */
	static String key(BillingItem item) {
		String name = item.displayName();
		return Character.toLowerCase(name.charAt(0)) + name.substring(1);
	}

	private static BigDecimal decimal(Map<String, String> form, BillingItem item, String field, FieldErrors errors) {
		String text = text(form, item, field);
		try {
			return text.isEmpty() ? null : new BigDecimal(text);
		}
		catch (NumberFormatException ex) {
			errors.add(path(item, field), "InvalidValue", item.displayName() + " " + field + " must be a number");
			return null;
		}
	}

	private static Long whole(Map<String, String> form, BillingItem item, FieldErrors errors) {
		String text = text(form, item, "allowance");
		try {
			return text.isEmpty() ? null : Long.parseLong(text);
		}
		catch (NumberFormatException ex) {
			errors.add(path(item, "allowance"), "InvalidValue",
					item.displayName() + " allowance must be a whole number");
			return null;
		}
	}

	private static String text(Map<String, String> form, BillingItem item, String field) {
		return form.getOrDefault(key(item) + "." + field, "").strip();
	}

	private static String path(BillingItem item, String field) {
		return "billingSettings." + key(item) + "." + field;
	}

}
