package org.billingreports.calls;

import java.time.ZoneId;

/**
 * What a format needs to know about the import its lines belong to.
 *
 * @param zone the time zone of times written without an offset
 * @param directions how a line's direction is told when the file does not say it
 */
public record ImportContext(ZoneId zone, DirectionRules directions) {
}
