package org.billingreports.billingjob;

import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * A listener another capability adds to {@code billingReportJob} (the report's notifications, for
 * one), without the job knowing it. Such listeners learn of the end after the readable failure reason
 * is written, and before the metrics and whoever waits for the end.
 */
public interface BillingJobListener extends JobExecutionListener {
}
