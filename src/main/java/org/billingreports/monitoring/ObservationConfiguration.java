package org.billingreports.monitoring;

import io.micrometer.observation.ObservationPredicate;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring Batch 6 observes every item it reads, processes and writes; with Boot's metrics each
 * observation looks up (and for a mismatch of tags, fails to register) a timer: in a profile of an
 * import and of the rating step that was half of the job threads' time. Jobs and steps are still
 * observed (their timers are what operators watch); items are not.
 */
@Configuration(proxyBeanMethods = false)
class ObservationConfiguration {

	private static final String ITEM_OBSERVATIONS = "spring.batch.item.";

	@Bean
	ObservationPredicate noObservationPerItem() {
		return (name, context) -> !name.startsWith(ITEM_OBSERVATIONS);
	}

}
