package org.billingreports.calls;

import java.time.ZoneId;

import org.billingreports.rating.Direction;

/**
 * What a format needs to know about the import its lines belong to.
 *
 * @param zone the time zone of times written without an offset
 * @param directions how a line's direction is told when the file does not say it
 * @param numbers the account's numbers, by which a switch line's direction and customer are found
 */
public record ImportContext(ZoneId zone, DirectionRules directions, AccountNumbers numbers) {

	/** A switch line's direction, by the account's numbers first (see {@link DirectionRules}). */
	Direction direction(String dialplanContext, String from, String to) {
		return this.directions.of(dialplanContext, from, to, this.numbers);
	}

}
