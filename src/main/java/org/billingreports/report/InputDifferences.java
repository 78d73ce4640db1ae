package org.billingreports.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What differs between the inputs a version billed from and those a rerun would bill from now (both as
 * {@code VersionInputs} documents), each difference a sentence, in two kinds: prices ({@code
 * billingSettings}: the account's currency, time zone, proration and rating options, a customer's
 * effective prices or rate deck) and the customers ({@code customers}: added, gone, renamed, moved, their
 * phone numbers). A rate deck's new version is not a difference here: its rates are compared apart.
 */
record InputDifferences(List<String> settings, List<String> customers) {

	/** Differences listed in a reason's detail; the rest are counted. */
	private static final int SHOWN = 3;

	@SuppressWarnings("unchecked")
	static InputDifferences between(Map<String, Object> billed, Map<String, Object> now) {
		List<String> settings = new ArrayList<>();
		List<String> customers = new ArrayList<>();
		Map<String, Object> billedAccount = (Map<String, Object>) billed.get("account");
		Map<String, Object> nowAccount = (Map<String, Object>) now.get("account");
		for (String key : List.of("currency", "timeZone", "proration")) {
			changed("the account's " + key, billedAccount.get(key), nowAccount.get(key), settings);
		}
		Map<String, Object> billedRating = (Map<String, Object>) billed.get("rating");
		Map<String, Object> nowRating = (Map<String, Object>) now.get("rating");
		for (String key : billedRating.keySet()) {
			changed("the account's rating." + key, billedRating.get(key), nowRating.get(key), settings);
		}
		Map<String, Map<String, Object>> before = byId((List<Object>) billed.get("customers"));
		Map<String, Map<String, Object>> after = byId((List<Object>) now.get("customers"));
		for (Map.Entry<String, Map<String, Object>> entry : before.entrySet()) {
			String id = entry.getKey();
			Map<String, Object> was = entry.getValue();
			Map<String, Object> is = after.get(id);
			if (is == null) {
				customers.add("customer " + id + " is no longer there");
				continue;
			}
			changed("customer " + id + "'s name", was.get("name"), is.get("name"), customers);
			changed("customer " + id + "'s parent", was.get("parent"), is.get("parent"), customers);
			changed("customer " + id + "'s local numbers", was.get("localNumbers"), is.get("localNumbers"), customers);
			changed("customer " + id + "'s toll-free numbers", was.get("tollFreeNumbers"), is.get("tollFreeNumbers"),
					customers);
			List<String> items = changedItems((Map<String, Object>) was.get("settings"),
					(Map<String, Object>) is.get("settings"));
			if (!items.isEmpty()) {
				settings.add("customer " + id + "'s prices of " + String.join(", ", items));
			}
			changed("customer " + id + "'s rate deck", deckId(was.get("deck")), deckId(is.get("deck")), settings);
		}
		after.keySet()
			.stream()
			.filter(id -> !before.containsKey(id))
			.forEach(id -> customers.add("customer " + id + " was added"));
		return new InputDifferences(settings, customers);
	}

	/** "a; b; c and 2 more", or empty for none. */
	static String describe(List<String> differences) {
		if (differences.size() <= SHOWN) {
			return String.join("; ", differences);
		}
		return String.join("; ", differences.subList(0, SHOWN)) + " and " + (differences.size() - SHOWN) + " more";
	}

	private static void changed(String what, Object was, Object is, List<String> into) {
		if (!Objects.equals(was, is)) {
			into.add(what + ": " + shown(was) + " → " + shown(is));
		}
	}

	@SuppressWarnings("unchecked")
	private static List<String> changedItems(Map<String, Object> was, Map<String, Object> is) {
		List<String> items = new ArrayList<>();
		for (Map.Entry<String, Object> item : was.entrySet()) {
			if (!Objects.equals(item.getValue(), is.get(item.getKey()))) {
				items.add(item.getKey());
			}
		}
		return items;
	}

	@SuppressWarnings("unchecked")
	private static Object deckId(Object deck) {
		return (deck != null) ? ((Map<String, Object>) deck).get("id") : null;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Object>> byId(List<Object> customers) {
		Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
		for (Object customer : customers) {
			Map<String, Object> entry = (Map<String, Object>) customer;
			byId.put((String) entry.get("id"), entry);
		}
		return byId;
	}

	private static String shown(Object value) {
		return (value != null) ? value.toString() : "none";
	}

}
