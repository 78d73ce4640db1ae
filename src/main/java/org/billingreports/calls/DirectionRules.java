package org.billingreports.calls;

import java.util.List;
import java.util.regex.Pattern;

import org.billingreports.rating.Direction;

/**
 * Tells inbound from outbound for switch records, which do not say: first by the dialplan context
 * ({@code from-internal} is outbound, {@code from-pstn} inbound, as configured), then by the numbers
 * (an extension calling an outside number is outbound, an outside number calling an extension
 * inbound), else the fallback.
 */
public record DirectionRules(List<Pattern> inboundContexts, List<Pattern> outboundContexts,
		Pattern internalNumber, Direction fallback) {

	public static DirectionRules of(List<String> inboundContexts, List<String> outboundContexts,
			String internalNumber, Direction fallback) {
		return new DirectionRules(patterns(inboundContexts), patterns(outboundContexts),
				Pattern.compile(internalNumber), fallback);
	}

	public Direction of(String context, String from, String to) {
		String dialplan = (context != null) ? context.strip() : "";
		if (matchesAny(this.inboundContexts, dialplan)) {
			return Direction.INBOUND;
		}
		if (matchesAny(this.outboundContexts, dialplan)) {
			return Direction.OUTBOUND;
		}
		boolean fromInside = isInternal(from);
		boolean toInside = isInternal(to);
		if (fromInside && !toInside) {
			return Direction.OUTBOUND;
		}
		if (!fromInside && toInside) {
			return Direction.INBOUND;
		}
		return this.fallback;
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
