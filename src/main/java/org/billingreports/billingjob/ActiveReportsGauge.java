package org.billingreports.billingjob;

import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.billingreports.batch.ExecutionStatus;

/** {@code billing_reports_active{status}}: reports queued and running now on all nodes, read from the job repository. */
@Component
class ActiveReportsGauge {

	ActiveReportsGauge(MeterRegistry registry, JdbcClient jdbc) {
		for (ExecutionStatus status : List.of(ExecutionStatus.Queued, ExecutionStatus.Running)) {
			Gauge.builder("billing.reports.active", () -> count(jdbc, status))
				.description("Reports queued or running now, on all nodes (from the job repository)")
				.tag("status", status.name())
				.register(registry);
		}
	}

	private static long count(JdbcClient jdbc, ExecutionStatus status) {
		return jdbc.sql("SELECT COUNT(*) FROM batch_job_execution e JOIN batch_job_instance i "
				+ "ON i.job_instance_id = e.job_instance_id WHERE i.job_name = :job AND e.status IN (:statuses)")
			.param("job", BillingJob.NAME)
			.param("statuses", status.batchStatuses().stream().map(Enum::name).toList())
			.query(Long.class)
			.single();
	}

}
