package org.billingreports.operations;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.task.ThreadPoolTaskSchedulerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.support.TaskUtils;

/**
 * The background work of a node (nightly runs, retries, recovery, retention) runs on a schedule;
 * {@code billing.background=false} (the command line) turns it off.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "billing.background", matchIfMissing = true)
@EnableScheduling
class SchedulingConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SchedulingConfiguration.class);

	/**
	 * A scheduled task that meets the database away says so in one line and runs again at its next
	 * time; anything else is logged in full, as Spring does.
	 */
	@Bean
	ThreadPoolTaskSchedulerCustomizer databaseAwayIsOneLine() {
		return scheduler -> scheduler.setErrorHandler(failure -> {
			if (failure instanceof DataAccessResourceFailureException || failure instanceof TransientDataAccessException) {
				log.warn("A scheduled task could not reach the database; it runs again at its next time: {}",
						failure.getMessage());
			}
			else {
				TaskUtils.LOG_AND_SUPPRESS_ERROR_HANDLER.handleError(failure);
			}
		});
	}

}
