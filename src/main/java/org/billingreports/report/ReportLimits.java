package org.billingreports.report;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param activeReportsPerAccount reports of one account queued or running at once; more are refused
 * with 429
 */
@ConfigurationProperties("billing.limits")
record ReportLimits(@DefaultValue("50") int activeReportsPerAccount) {
}
