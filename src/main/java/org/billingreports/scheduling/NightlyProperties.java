package org.billingreports.scheduling;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Nightly billing runs ({@code billing.nightly.*}).
 * @param cron when, in {@code zone}
 * @param catchUpDays how many missed nights are caught up at start-up
 * @param rerunQuietPeriod a nightly report out of date for late or corrected call records is rerun once no
 * change has moved its counts for this long (a file arriving in pieces makes one rerun, not ten)
 * @param rerunMaxDelay ... and at the latest this long after the first change, even if calls keep coming
 * @param rerunWindow only reports of the last this many days are rerun automatically
 * @param rerunCheckInterval how often reruns that are due are looked for
 */
@ConfigurationProperties("billing.nightly")
record NightlyProperties(@DefaultValue("0 30 1 * * *") String cron, @DefaultValue("UTC") String zone,
		@DefaultValue("7") int catchUpDays, @DefaultValue("10m") Duration rerunQuietPeriod,
		@DefaultValue("2h") Duration rerunMaxDelay, @DefaultValue("35") int rerunWindow,
		@DefaultValue("1m") Duration rerunCheckInterval) {
}
