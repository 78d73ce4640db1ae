package org.billingreports.scheduling;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Nightly billing runs ({@code billing.nightly.*}).
 * @param cron when, in {@code zone}
 * @param catchUpDays how many missed nights are caught up at start-up
 */
@ConfigurationProperties("billing.nightly")
record NightlyProperties(@DefaultValue("0 30 1 * * *") String cron, @DefaultValue("UTC") String zone,
		@DefaultValue("7") int catchUpDays) {
}
