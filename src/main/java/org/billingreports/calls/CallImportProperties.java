package org.billingreports.calls;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import org.billingreports.rating.Direction;

/**
 * Tuning of {@code callImportJob} ({@code billing.jobs.call-import.*}, in
 * {@code jobs/call-import.properties}).
 * @param chunkSize lines stored per transaction
 * @param rejectionsShown how many rejected lines an import answer lists (all are stored)
 * @param waitForCompletion how long an import request waits for its job before it answers with the
 * import still running
 * @param answerWhenDoneBelow uploads smaller than this are answered when imported; larger ones at
 * once (202), to be followed at {@code GET /calls/imports/{id}}
 * @param maxRejectedShare a file with a larger share of rejected lines fails, and nothing of it stays
 * @param inboundContexts dialplan contexts (regular expressions) of inbound calls, for switch files
 * @param outboundContexts dialplan contexts of outbound calls
 * @param internalNumber what an extension looks like: a call from one to a number that is not is
 * outbound, the other way inbound
 * @param defaultDirection when neither context nor numbers tell
 */
@ConfigurationProperties("billing.jobs.call-import")
record CallImportProperties(@DefaultValue("5000") int chunkSize, @DefaultValue("100") int rejectionsShown,
		@DefaultValue("10m") Duration waitForCompletion, @DefaultValue("5MB") DataSize answerWhenDoneBelow,
		@DefaultValue("0.5") double maxRejectedShare,
		@DefaultValue({ "from-trunk.*", "from-pstn.*", "from-external.*", ".*-pstn", "public" }) List<String> inboundContexts,
		@DefaultValue({ "from-internal.*", "from-users?", "internal", "default" }) List<String> outboundContexts,
		@DefaultValue("\\+?[0-9]{2,6}") String internalNumber,
		@DefaultValue("outbound") Direction defaultDirection) {
}
