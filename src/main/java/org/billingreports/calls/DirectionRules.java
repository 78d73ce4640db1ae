package org.billingreports.calls;

import java.util.List;
import java.util.regex.Pattern;

import org.billingreports.rating.Direction;

/**
 * Tells inbound from outbound for switch records, which do not say. In order: by the account's own
 * numbers (a call to one of them from elsewhere is inbound, a call from one of them to elsewhere
 * outbound); then by extensions (an extension calling an outside number is outbound, an outside number
 * calling an extension inbound); then by the dialplan context ({@code from-internal} is outbound,
 * {@code from-pstn} inbound, as configured); else the fallback. The numbers come before the context:
 * a context such as FreeSWITCH's {@code public} also carries an extension's calls out.
 */
public record DirectionRules(List<Pattern> inboundContexts, List<Pattern> outboundContexts,
		Pattern internalNumber, Direction fallback) {

	public static DirectionRules of(List<String> inboundContexts, List<String> outboundContexts,
			String internalNumber, Direction fallback) {
		return new DirectionRules(patterns(inboundContexts), patterns(outboundContexts),
				Pattern.compile(internalNumber), fallback);
	}

	/** Without the account's numbers: by extensions, then the context. */
	public Direction of(String context, String from, String to) {
		return of(context, from, to, AccountNumbers.NONE);
	}

	Direction of(String context, String from, String to, AccountNumbers numbers) {
		Direction byNumbers = inOrOut(numbers.isOwn(from), numbers.isOwn(to));
		if (byNumbers == null) {
			byNumbers = inOrOut(isInternal(from), isInternal(to));
		}
		if (byNumbers != null) {
			return byNumbers;
		}
		String dialplan = (context != null) ? context.strip() : "";
		if (matchesAny(this.inboundContexts, dialplan)) {
			return Direction.INBOUND;
		}
		if (matchesAny(this.outboundContexts, dialplan)) {
			return Direction.OUTBOUND;
		}
		return this.fallback;
	}

	/** Out from our side to the other, in from the other to ours; {@code null} when it does not tell. */
	private static Direction inOrOut(boolean fromOurs, boolean toOurs) {
		return (fromOurs && !toOurs) ? Direction.OUTBOUND : (!fromOurs && toOurs) ? Direction.INBOUND : null;
	}

	private boolean isInternal(String number) {
		return number != null && this.internalNumber.matcher(number.strip()).matches();
	}

	private static boolean matchesAny(List<Pattern> patterns, String text) {
		return patterns.stream().anyMatch(pattern -> pattern.matcher(text).matches());
	}

	private static List<Pattern> patterns(List<String> expressions) {
		return expressions.stream().filter(expression -> !expression.isBlank())
			.map(expression -> Pattern.compile(expression.strip(), Pattern.CASE_INSENSITIVE))
			.toList();
	}

}
