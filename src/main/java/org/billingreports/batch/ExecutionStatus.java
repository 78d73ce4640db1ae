package org.billingreports.batch;

import java.util.EnumSet;
import java.util.Set;

import org.springframework.batch.core.BatchStatus;

/**
 * Evo's {@code ReportStatuses}, derived from the Spring Batch status of the latest job execution
 * ({@code api.md}, Report statuses). Imports use the same mapping.
 */
public enum ExecutionStatus {

	/** Accepted; the execution waits for a worker thread ({@code STARTING}). */
	Queued(EnumSet.of(BatchStatus.STARTING)),
	/** {@code STARTED} or {@code STOPPING}. */
	Running(EnumSet.of(BatchStatus.STARTED, BatchStatus.STOPPING)),
	Completed(EnumSet.of(BatchStatus.COMPLETED)),
	/** {@code FAILED}, {@code STOPPED}, {@code ABANDONED} or {@code UNKNOWN}. */
	Error(EnumSet.of(BatchStatus.FAILED, BatchStatus.STOPPED, BatchStatus.ABANDONED, BatchStatus.UNKNOWN));

	private final Set<BatchStatus> batchStatuses;

	ExecutionStatus(Set<BatchStatus> batchStatuses) {
		this.batchStatuses = batchStatuses;
	}

	public boolean hasEnded() {
		return this == Completed || this == Error;
	}

	public Set<BatchStatus> batchStatuses() {
		return this.batchStatuses;
	}

	public static ExecutionStatus of(BatchStatus status) {
		for (ExecutionStatus candidate : values()) {
			if (candidate.batchStatuses.contains(status)) {
				return candidate;
			}
		}
		throw new IllegalArgumentException("Unmapped batch status " + status);
	}

	/** @return the status, or {@code null} when the text names none */
	public static ExecutionStatus parse(String text) {
		for (ExecutionStatus status : values()) {
			if (status.name().equalsIgnoreCase(text)) {
				return status;
			}
		}
		return null;
	}

}
