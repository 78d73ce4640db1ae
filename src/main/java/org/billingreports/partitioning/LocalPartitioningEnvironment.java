package org.billingreports.partitioning;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * In local partitioning (the default) nothing uses Spring Integration or RabbitMQ, so their
 * auto-configurations are left out: about half a second of every start. At the lowest precedence:
 * an explicit {@code spring.autoconfigure.exclude} wins, and remote partitioning keeps both. A queue of call
 * records ({@code billing.calls.amqp.queue}) keeps RabbitMQ's: it consumes over Spring AMQP alone.
 */
public class LocalPartitioningEnvironment implements EnvironmentPostProcessor, Ordered {

	static final String REMOTE_ONLY = "org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration,"
			+ "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration";

	/** What local partitioning leaves out when a queue of call records keeps RabbitMQ. */
	static final String INTEGRATION_ONLY = "org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		boolean remote = "remote".equals(environment.getProperty("billing.partitioning.mode"));
		if (!remote && !environment.containsProperty("spring.autoconfigure.exclude")) {
			boolean callQueue = environment.containsProperty("billing.calls.amqp.queue");
			environment.getPropertySources()
				.addLast(new MapPropertySource("localPartitioningDefaults",
						Map.of("spring.autoconfigure.exclude", callQueue ? INTEGRATION_ONLY : REMOTE_ONLY)));
		}
	}

	@Override
	public int getOrder() {
		// After the config files are read, so that a mode set in them counts.
		return Ordered.LOWEST_PRECEDENCE;
	}

}
