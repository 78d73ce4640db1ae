package org.billingreports.billingjob;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * After the rating step, in the job repository: a partition still waiting or running had no worker
 * finish it in time (remote partitioning). It is marked failed, so that the report ends in Error and
 * a restart sends it again; a worker still at it fails its next commit, and writes nothing more.
 */
class UnfinishedPartitions implements StepExecutionListener {

	private final JobRepository jobRepository;

	UnfinishedPartitions(JobRepository jobRepository) {
		this.jobRepository = jobRepository;
	}

	@Override
	public ExitStatus afterStep(StepExecution rating) {
		JobExecution stored = this.jobRepository.getJobExecution(rating.getJobExecutionId());
		if (stored == null) {
			return null;
		}
		for (StepExecution partition : stored.getStepExecutions()) {
			if (BillingJob.isPartition(partition) && partition.getStatus().isRunning()) {
				fail(partition);
			}
		}
		return null;
	}

	private void fail(StepExecution partition) {
		StepExecution current = partition;
		for (int attempt = 0; attempt < 3 && current != null && current.getStatus().isRunning(); attempt++) {
			String node = current.getExecutionContext().getString(Partitions.NODE, null);
			try {
				Partitions.fail(current, (node == null) ? "no worker took it in time"
						: "the worker " + node + " did not finish it in time", this.jobRepository);
				return;
			}
			catch (OptimisticLockingFailureException workerCommittedMeanwhile) {
				current = this.jobRepository.getStepExecution(partition.getId());
			}
		}
	}

}
