package org.billingreports.calls;

import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Counts the written lines of an import by how their customer was found, in the step's execution
 * context: saved with each chunk's commit, so that a restart goes on from what was committed.
 */
class CustomerMatches implements ItemWriteListener<CallRecord>, StepExecutionListener {

	private static final String PREFIX = "customersFoundBy.";

	private StepExecution step;

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.step = stepExecution;
	}

	@Override
	public void afterWrite(Chunk<? extends CallRecord> records) {
		ExecutionContext context = this.step.getExecutionContext();
		for (CallRecord record : records) {
			String key = PREFIX + record.customerFoundBy().name();
			context.putLong(key, context.getLong(key, 0) + 1);
		}
	}

	/** What the step counted for the way of finding customers. */
	static long counted(StepExecution step, CallRecord.CustomerMatch foundBy) {
		return step.getExecutionContext().getLong(PREFIX + foundBy.name(), 0);
	}

}
