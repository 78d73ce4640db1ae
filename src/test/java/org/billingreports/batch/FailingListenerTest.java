package org.billingreports.batch;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.billingreports.billingjob.BillingJobListener;
import org.billingreports.support.Fixtures;
import org.billingreports.support.Nodes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A listener that fails when a job ends (as one does when the database is away at that moment) makes
 * Spring Batch skip the listeners after it, {@link JobCompletions} among them. The job has ended all
 * the same: it must not count as running on this node for ever, where recovery would never take it up
 * and its report would show Running.
 */
class FailingListenerTest {

	@Test
	void aJobEndsEvenWhenAListenerBeforeTheLastFails() throws Exception {
		try (ConfigurableApplicationContext node = Nodes.start("failing-listener", List.of(),
				FailingListener.class)) {
			Fixtures fixtures = new Fixtures(Nodes.admin(node));
			fixtures.account("failing", "UTC", Map.of("base", Fixtures.item("1", "0", "0", 0)));
			fixtures.customer("failing-c", "failing", null, "Customer", null, null);
			JsonNode report = fixtures.runReport(Map.of("accountId", "failing", "startDate", "2026-07-01", "endDate",
					"2026-07-31"));
			assertThat(report.get("status").asString()).isEqualTo("Completed");
			assertThat(node.getBean(JobCompletions.class).runningHere()).isEmpty();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class FailingListener {

		@Bean
		BillingJobListener failingListener() {
			return new BillingJobListener() {
				@Override
				public void afterJob(JobExecution jobExecution) {
					throw new IllegalStateException("the database went away just now");
				}
			};
		}

	}

}
