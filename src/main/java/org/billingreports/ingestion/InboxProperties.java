package org.billingreports.ingestion;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The watched folder ({@code billing.calls.inbox*}): switch files left in {@code <inbox>/<accountId>/<format>/}
 * are imported as uploads are.
 * @param inbox the folder; unset (the default), nothing is watched
 * @param inboxPollInterval how often this node lists the folder and follows the imports it started
 * @param inboxSettleTime how long a file's size and modification time must stay unchanged before it is taken:
 * longer than the longest pause of whatever writes it
 */
@ConfigurationProperties("billing.calls")
record InboxProperties(Path inbox, @DefaultValue("5s") Duration inboxPollInterval,
		@DefaultValue("30s") Duration inboxSettleTime) {
}
