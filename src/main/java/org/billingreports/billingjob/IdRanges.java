package org.billingreports.billingjob;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * A partition's ids, {@code minId} to {@code maxId}, as ranges of {@code size} ids: the items of the
 * rating step, each rated in one statement. The next range to read is kept in the step execution
 * context, committed with the rows of the ranges before it, so a restart goes on from there.
 */
class IdRanges implements ItemStreamReader<IdRange> {

	/** The first id not yet handed out, in the step execution context. */
	static final String NEXT = "rating.next";

	private final long minId;

	private final long maxId;

	private final long size;

	private long next;

	IdRanges(long minId, long maxId, long size) {
		this.minId = minId;
		this.maxId = maxId;
		this.size = size;
	}

	@Override
	public void open(ExecutionContext context) {
		this.next = context.containsKey(NEXT) ? context.getLong(NEXT) : this.minId;
	}

	@Override
	public IdRange read() {
		if (this.next > this.maxId) {
			return null;
		}
		long last = Math.min(this.maxId, this.next + this.size - 1);
		IdRange range = new IdRange(this.next, last);
		this.next = last + 1;
		return range;
	}

	@Override
	public void update(ExecutionContext context) {
		context.putLong(NEXT, this.next);
	}

}
