package org.billingreports.rating;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One version of a rate deck, ready to price calls: for each billing item it has rates for, its
 * prefixes in sorted arrays, one per prefix length. A lookup tries the lengths from the longest down
 * with a binary search each, so a deck of 100,000 prefixes costs a few dozen comparisons per call and
 * a few megabytes, loaded once.
 */
public final class RateDeck {

	/** The longest prefix: an E.164 number has at most 15 digits. */
	public static final int MAX_PREFIX_DIGITS = 15;

	private final String id;

	private final String name;

	private final int version;

	private final Map<BillingItem, PrefixTable> items;

	private RateDeck(String id, String name, int version, Map<BillingItem, PrefixTable> items) {
		this.id = id;
		this.name = name;
		this.version = version;
		this.items = items;
	}

	public String id() {
		return this.id;
	}

	public String name() {
		return this.name;
	}

	public int version() {
		return this.version;
	}

	/** How lines and calls name a deck's version: "Retail v3". */
	public static String label(String name, int version) {
		return name + " v" + version;
	}

	/** Whether the deck has rates for the item: its calls are then priced by the deck. */
	public boolean prices(BillingItem item) {
		return this.items.containsKey(item);
	}

	/**
	 * The rate of the longest prefix of {@code number} that is in force at {@code at}.
	 * @param number in E.164 ({@code +44…}); {@code null} matches nothing
	 * @return the match, or {@code null} when no prefix in force matches
	 */
	public Match find(BillingItem item, String number, Instant at) {
		PrefixTable table = this.items.get(item);
		if (table == null || number == null || number.length() < 2 || number.charAt(0) != '+') {
			return null;
		}
		return table.find(number, at.getEpochSecond());
	}

	/** The prefix that matched and the tariff it charges. */
	public record Match(String prefix, Tariff tariff) {
	}

	public static Builder builder(String id, String name, int version) {
		return new Builder(id, name, version);
	}

	/** Collects a deck's rates in any order. */
	public static final class Builder {

		private final String id;

		private final String name;

		private final int version;

		private final Map<BillingItem, Map<String, List<Entry>>> rates = new EnumMap<>(BillingItem.class);

		private Builder(String id, String name, int version) {
			this.id = id;
			this.name = name;
			this.version = version;
		}

		/**
		 * @param prefix digits, without {@code +}, 1 to 15 of them, not starting with 0
		 * @param effectiveTo {@code null} while in force without end
		 */
		public Builder add(BillingItem item, String prefix, Tariff tariff, Instant effectiveFrom, Instant effectiveTo) {
			if (!isPrefix(prefix)) {
				throw new IllegalArgumentException("A prefix is 1 to 15 digits, not starting with 0: " + prefix);
			}
			long to = (effectiveTo != null) ? effectiveTo.getEpochSecond() : Long.MAX_VALUE;
			this.rates.computeIfAbsent(item, any -> new TreeMap<>())
				.computeIfAbsent(prefix, any -> new ArrayList<>())
				.add(new Entry(tariff, effectiveFrom.getEpochSecond(), to));
			return this;
		}

		public RateDeck build() {
			Map<BillingItem, PrefixTable> items = new EnumMap<>(BillingItem.class);
			this.rates.forEach((item, prefixes) -> items.put(item, new PrefixTable(prefixes)));
			return new RateDeck(this.id, this.name, this.version, items);
		}

	}

	/** Whether a text is a prefix a deck may hold. */
	public static boolean isPrefix(String prefix) {
		if (prefix == null || prefix.isEmpty() || prefix.length() > MAX_PREFIX_DIGITS || prefix.charAt(0) == '0') {
			return false;
		}
		for (int i = 0; i < prefix.length(); i++) {
			char c = prefix.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	/** A rate while it is in force, {@code [from, to)} in epoch seconds. */
	private record Entry(Tariff tariff, long from, long to) {

		boolean inForceAt(long at) {
			return this.from <= at && at < this.to;
		}

	}

	/** The prefixes of one item: per length, the prefixes' values sorted, and their rates. */
	private static final class PrefixTable {

		private static final Comparator<Entry> NEWEST_FIRST = Comparator.comparingLong(Entry::from).reversed();

		/** The lengths that occur, longest first. */
		private final int[] lengths;

		/** By length: the prefixes as numbers, ascending. */
		private final long[][] keys;

		/** By length, in the order of {@link #keys}: the prefix's rates, the latest start first. */
		private final Entry[][][] entries;

		PrefixTable(Map<String, List<Entry>> prefixes) {
			Map<Integer, TreeMap<Long, Entry[]>> byLength = new TreeMap<>(Comparator.reverseOrder());
			prefixes.forEach((prefix, rates) -> {
				Entry[] sorted = rates.toArray(Entry[]::new);
				Arrays.sort(sorted, NEWEST_FIRST);
				byLength.computeIfAbsent(prefix.length(), any -> new TreeMap<>()).put(Long.parseLong(prefix), sorted);
			});
			this.lengths = new int[byLength.size()];
			this.keys = new long[MAX_PREFIX_DIGITS + 1][];
			this.entries = new Entry[MAX_PREFIX_DIGITS + 1][][];
			int i = 0;
			for (Map.Entry<Integer, TreeMap<Long, Entry[]>> length : byLength.entrySet()) {
				int digits = length.getKey();
				this.lengths[i++] = digits;
				this.keys[digits] = length.getValue().keySet().stream().mapToLong(Long::longValue).toArray();
				this.entries[digits] = length.getValue().values().toArray(Entry[][]::new);
			}
		}

		/** @param number {@code +} and digits */
		Match find(String number, long at) {
			int available = Math.min(number.length() - 1, MAX_PREFIX_DIGITS);
			long[] values = new long[available + 1];
			for (int digits = 1; digits <= available; digits++) {
				char c = number.charAt(digits);
				if (c < '0' || c > '9') {
					available = digits - 1;
					break;
				}
				values[digits] = values[digits - 1] * 10 + (c - '0');
			}
			for (int digits : this.lengths) {
				if (digits > available) {
					continue;
				}
				int index = Arrays.binarySearch(this.keys[digits], values[digits]);
				if (index >= 0) {
					for (Entry entry : this.entries[digits][index]) {
						if (entry.inForceAt(at)) {
							return new Match(number.substring(1, digits + 1), entry.tariff());
						}
					}
				}
			}
			return null;
		}

	}

}
