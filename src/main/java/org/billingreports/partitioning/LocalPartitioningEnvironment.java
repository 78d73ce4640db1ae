package org.billingreports.partitioning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * In local partitioning (the default) nothing uses Spring Integration or RabbitMQ, so their
 * auto-configurations are left out: about half a second of every start. At the lowest precedence:
 * an explicit {@code spring.autoconfigure.exclude} wins, and remote partitioning keeps both. A queue of call
 * records ({@code billing.calls.amqp.queue}) keeps RabbitMQ's: it consumes over Spring AMQP alone. A watched
 * folder ({@code billing.calls.inbox}) is polled with Spring Integration: it keeps Integration.
 */
public class LocalPartitioningEnvironment implements EnvironmentPostProcessor, Ordered {

	static final String INTEGRATION = "org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration";

	static final String RABBIT = "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration";

	static final String REMOTE_ONLY = INTEGRATION + "," + RABBIT;

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		boolean remote = "remote".equals(environment.getProperty("billing.partitioning.mode"));
		if (remote || environment.containsProperty("spring.autoconfigure.exclude")) {
			return;
		}
		List<String> unused = new ArrayList<>();
		if (!StringUtils.hasText(environment.getProperty("billing.calls.inbox"))) {
			unused.add(INTEGRATION);
		}
		if (!environment.containsProperty("billing.calls.amqp.queue")) {
			unused.add(RABBIT);
		}
		if (!unused.isEmpty()) {
			environment.getPropertySources()
				.addLast(new MapPropertySource("localPartitioningDefaults",
						Map.of("spring.autoconfigure.exclude", String.join(",", unused))));
		}
	}

	@Override
	public int getOrder() {
		// After the config files are read, so that a mode set in them counts.
		return Ordered.LOWEST_PRECEDENCE;
	}

}
