package org.billingreports.billingjob;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tuning of {@code billingReportJob} ({@code billing.jobs.billing-report.*}, in
 * {@code jobs/billing-report.properties}).
 * @param chunkSize call record ids rated per transaction, in one statement
 * @param partitions ranges of call records rated at once, each on a thread of its own; 0: one per
 * processor core
 */
@ConfigurationProperties("billing.jobs.billing-report")
public record BillingJobProperties(@DefaultValue("20000") int chunkSize, @DefaultValue("0") int partitions) {

	public int effectivePartitions() {
		return (this.partitions > 0) ? this.partitions : Runtime.getRuntime().availableProcessors();
	}

}
