package org.billingreports.report;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param activeReportsPerAccount reports of one account queued or running at once; more are refused
 * with 429
 * @param maxReportDays the longest period a report may cover, in days of the account's calendar (366:
 * a year, leap or not)
 * @param verifyAnswerWithin how long {@code POST …/verify} waits for its job before it answers 202 with
 * where to follow it
 */
@ConfigurationProperties("billing.limits")
record ReportLimits(@DefaultValue("50") int activeReportsPerAccount, @DefaultValue("366") int maxReportDays,
		@DefaultValue("10s") Duration verifyAnswerWithin) {
}
