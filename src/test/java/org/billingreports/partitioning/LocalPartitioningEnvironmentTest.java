package org.billingreports.partitioning;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class LocalPartitioningEnvironmentTest {

	private static String excluded(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("given", properties));
		new LocalPartitioningEnvironment().postProcessEnvironment(environment, null);
		return environment.getProperty("spring.autoconfigure.exclude");
	}

	@Test
	void localPartitioningLeavesIntegrationAndRabbitMqOut() {
		assertThat(excluded(Map.of())).isEqualTo(LocalPartitioningEnvironment.REMOTE_ONLY);
		assertThat(excluded(Map.of("billing.partitioning.mode", "local")))
			.isEqualTo(LocalPartitioningEnvironment.REMOTE_ONLY);
	}

	@Test
	void aQueueOfCallRecordsKeepsRabbitMq() {
		assertThat(excluded(Map.of("billing.calls.amqp.queue", "calls")))
			.isEqualTo(LocalPartitioningEnvironment.INTEGRATION)
			.doesNotContain("RabbitAutoConfiguration");
		assertThat(excluded(Map.of("billing.calls.amqp.queue", "calls", "billing.partitioning.mode", "remote"))).isNull();
	}

	@Test
	void aWatchedFolderKeepsIntegrationAndLeavesRabbitMqOut() {
		assertThat(excluded(Map.of("billing.calls.inbox", "/var/spool/billing")))
			.isEqualTo(LocalPartitioningEnvironment.RABBIT);
		assertThat(excluded(Map.of("billing.calls.inbox", " "))).isEqualTo(LocalPartitioningEnvironment.REMOTE_ONLY);
	}

	@Test
	void aQueueAndAFolderKeepBoth() {
		assertThat(excluded(Map.of("billing.calls.inbox", "/var/spool/billing", "billing.calls.amqp.queue", "calls")))
			.isNull();
	}

	@Test
	void remotePartitioningAndAnExplicitExclusionKeepTheirOwn() {
		assertThat(excluded(Map.of("billing.partitioning.mode", "remote"))).isNull();
		assertThat(excluded(Map.of("spring.autoconfigure.exclude", "x.Y"))).isEqualTo("x.Y");
	}

}
