package org.billingreports.report;

import java.time.Instant;

import org.billingreports.kernel.ReportVersion;

/**
 * A nightly report whose newest version, completed, is out of date for late or corrected call records.
 *
 * @param since when the first of those changes marked it
 * @param lastChanged when their counts last moved
 */
public record LateNightly(ReportVersion run, Instant since, Instant lastChanged) {
}
