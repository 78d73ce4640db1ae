package org.billingreports.ingestion;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How pushed call records are taken ({@code billing.calls.push.*}).
 * @param maxConcurrent legs stored at once on this node; more wait
 * @param maxWait how long a leg waits for its turn before it is answered 503 with {@code Retry-After} (the
 * switch posts it again: nothing is lost)
 * @param retryAfter what that 503 tells the switch
 */
@ConfigurationProperties("billing.calls.push")
record PushProperties(@DefaultValue("8") int maxConcurrent, @DefaultValue("5s") Duration maxWait,
		@DefaultValue("5s") Duration retryAfter) {
}
