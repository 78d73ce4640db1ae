package org.billingreports.billingjob;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits a report's call records into ranges of ids, one per partition, as even as the ids allow.
 * Always {@code gridSize} partitions, some possibly empty, with the same names for the same grid: a
 * restart finds each partition again by its name, and runs only those that did not complete.
 */
class CallRangePartitioner implements Partitioner {

	static final String MIN_ID = "minId";

	static final String MAX_ID = "maxId";

	private final long minId;

	private final long maxId;

	/** The ids the rating step found when it first started (see {@link RatingProgress}). */
	static CallRangePartitioner of(ExecutionContext ratingStep) {
		return new CallRangePartitioner(ratingStep.getLong(MIN_ID), ratingStep.getLong(MAX_ID));
	}

	/** @param minId the lowest id, {@code maxId} the highest; {@code minId > maxId} when there are none */
	CallRangePartitioner(long minId, long maxId) {
		this.minId = minId;
		this.maxId = maxId;
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		long span = Math.max(0, this.maxId - this.minId + 1);
		long size = (span + gridSize - 1) / gridSize;
		for (int i = 0; i < gridSize; i++) {
			long first = this.minId + i * size;
			long last = Math.min(this.maxId, first + size - 1);
			ExecutionContext context = new ExecutionContext();
			context.putLong(MIN_ID, first);
			context.putLong(MAX_ID, (span == 0) ? first - 1 : last);
			partitions.put("partition" + i, context);
		}
		return partitions;
	}

}
