package org.billingreports.kernel;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How large a request may be ({@code billing.limits.*}).
 * @param maxRequestBytes the largest request body, except call-record imports (413 beyond)
 * @param maxImportBytes the largest call-record file (413 beyond)
 * @param requestsPerMinute report launches and uploads (imports, rate decks) of one caller in a minute, all
 * nodes together (429 with {@code Retry-After} beyond)
 * @param ingestionRequestsPerMinute call records one caller (a switch) pushes in a minute, all nodes together
 */
@ConfigurationProperties("billing.limits")
public record RequestLimits(@DefaultValue("1MB") DataSize maxRequestBytes, @DefaultValue("2GB") DataSize maxImportBytes,
		@DefaultValue("600") long requestsPerMinute, @DefaultValue("120000") long ingestionRequestsPerMinute) {
}
