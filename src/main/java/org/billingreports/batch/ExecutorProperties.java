package org.billingreports.batch;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The threads that run jobs ({@code billing.executor.*}).
 * @param threads jobs that run at the same time on this node
 * @param queueCapacity jobs that may wait for a thread; beyond that a request is refused with 503
 */
@ConfigurationProperties("billing.executor")
public record ExecutorProperties(@DefaultValue("2") int threads, @DefaultValue("10000") int queueCapacity) {
}
