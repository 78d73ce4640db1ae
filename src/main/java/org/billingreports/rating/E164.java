package org.billingreports.rating;

import java.util.regex.Pattern;

/**
 * A number as a switch writes it ({@code 2125550100}, {@code 1 212 555 0100}, {@code 0044…},
 * {@code 011…}, {@code 020 7946 0000}, {@code sip:+1212…@host}) in E.164 ({@code +12125550100}), given the
 * account's default country code for national numbers; an extension or anything else that is no phone
 * number has none.
 */
public final class E164 {

	private static final Pattern VALID = Pattern.compile("\\+[1-9][0-9]{6,14}");

	/** Separators people and switches put into numbers. */
	private static final String SEPARATORS = " \t().-/";

	private static final String[] SCHEMES = { "sips:", "sip:", "tel:" };

	/** The shortest national number taken for a phone number; shorter ones are extensions. */
	private static final int MIN_NATIONAL = 7;

	private E164() {
	}

	/**
	 * @param defaultCountryCode digits such as {@code 1} or {@code 44}; {@code null} when the account has none,
	 * and then only numbers with their country code (international or eleven digits and more) are read
	 * @return the number in E.164, or {@code null}
	 */
	public static String of(String raw, String defaultCountryCode) {
		String number = (raw != null) ? digits(raw) : null;
		if (number == null || number.isEmpty()) {
			return null;
		}
		String e164;
		if (number.startsWith("+")) {
			e164 = number;
		}
		else if (number.length() < MIN_NATIONAL) {
			return null;
		}
		else if (number.startsWith("00")) {
			e164 = "+" + number.substring(2);
		}
		else if ("1".equals(defaultCountryCode)) {
			// The North American plan: 011 dials abroad, a national number is ten digits, with or without its 1.
			e164 = number.startsWith("011") ? "+" + number.substring(3)
					: (number.length() == 10) ? "+1" + number
							: (number.length() == 11 && number.startsWith("1")) ? "+" + number : null;
		}
		else if (defaultCountryCode != null && number.startsWith("0")) {
			// A trunk prefix: 020 7946 0000 in the United Kingdom is +44 20 7946 0000.
			e164 = "+" + defaultCountryCode + number.substring(1);
		}
		else {
			e164 = (number.length() >= 11) ? "+" + number : null;
		}
		return (e164 != null && VALID.matcher(e164).matches()) ? e164 : null;
	}

	/**
	 * The number's digits, after a leading {@code +} when it has one, without a {@code sip:}/{@code tel:}
	 * scheme, a {@code @host} or separators; {@code null} when it holds anything else (a name, a letter).
	 * Read by hand: it runs for every line of a switch file.
	 */
	private static String digits(String raw) {
		String number = raw.strip();
		int at = number.indexOf('@');
		int end = (at >= 0) ? at : number.length();
		int start = 0;
		for (String scheme : SCHEMES) {
			if (number.regionMatches(true, 0, scheme, 0, scheme.length())) {
				start = scheme.length();
				break;
			}
		}
		StringBuilder digits = new StringBuilder(end - start);
		for (int i = start; i < end; i++) {
			char c = number.charAt(i);
			if (c >= '0' && c <= '9') {
				digits.append(c);
			}
			else if (c == '+' && digits.length() == 0) {
				digits.append(c);
			}
			else if (SEPARATORS.indexOf(c) < 0) {
				return null;
			}
		}
		return digits.toString();
	}

}
