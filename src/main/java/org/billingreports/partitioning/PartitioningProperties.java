package org.billingreports.partitioning;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the billing job's partitions run ({@code billing.partitioning.*}).
 * @param mode {@code local}: on this node's partition threads; {@code remote}: sent over RabbitMQ to
 * worker nodes, which report through the shared job repository
 * @param worker whether this node runs partitions sent by others (remote mode)
 * @param queue the RabbitMQ queue of partition requests
 * @param workerThreads partitions a worker runs at once; 0: one per processor core
 * @param timeout how long the node that runs a report waits for its partitions; then those not done
 * fail, and the report can be restarted
 * @param pollInterval how often it looks at the job repository for their progress
 */
@ConfigurationProperties("billing.partitioning")
record PartitioningProperties(@DefaultValue("local") Mode mode, @DefaultValue("false") boolean worker,
		@DefaultValue("billing.partitions") String queue, @DefaultValue("0") int workerThreads,
		@DefaultValue("6h") Duration timeout, @DefaultValue("1s") Duration pollInterval) {

	enum Mode {

		local, remote

	}

	int effectiveWorkerThreads() {
		return (this.workerThreads > 0) ? this.workerThreads : Runtime.getRuntime().availableProcessors();
	}

}
