package org.billingreports.operations;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The background work of a node (nightly runs, retries, recovery, retention) runs on a schedule;
 * {@code billing.background=false} (the command line) turns it off.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "billing.background", matchIfMissing = true)
@EnableScheduling
class SchedulingConfiguration {

}
