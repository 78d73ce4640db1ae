package org.billingreports.report;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How reports learn that they went out of date ({@code billing.out-of-date.*}).
 * @param pollInterval how often a node looks for recorded changes to take up: a change marks the reports
 * it concerns within about this long of its commit
 * @param claimTimeout how long a node may hold a change it took up before another node takes it over
 * @param keepChanges how long changes that were taken up are kept
 */
@ConfigurationProperties("billing.out-of-date")
record OutOfDateProperties(@DefaultValue("5s") Duration pollInterval, @DefaultValue("5m") Duration claimTimeout,
		@DefaultValue("7d") Duration keepChanges) {
}
