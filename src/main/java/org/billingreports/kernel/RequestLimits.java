package org.billingreports.kernel;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How large a request may be ({@code billing.limits.*}).
 * @param maxRequestBytes the largest request body, except call-record imports (413 beyond)
 * @param maxImportBytes the largest call-record file (413 beyond)
 */
@ConfigurationProperties("billing.limits")
public record RequestLimits(@DefaultValue("1MB") DataSize maxRequestBytes, @DefaultValue("2GB") DataSize maxImportBytes) {
}
