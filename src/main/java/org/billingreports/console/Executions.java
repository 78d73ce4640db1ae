package org.billingreports.console;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

import org.billingreports.batch.ReadableFailures;
import org.billingreports.billingjob.BillingJob;

/**
 * Job and step executions as the console's tables show them: counts, durations and the node that ran
 * each (partitions name theirs in their context).
 */
final class Executions {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	private Executions() {
	}

	/** One execution of a job, with its steps in the order they began. */
	record Execution(long id, String status, String exitDescription, String started, String ended, String duration,
			List<Step> steps) {
	}

	/** One step or partition: what it read, wrote and skipped, how often it committed and rolled back. */
	record Step(String name, String status, long read, long written, long skipped, long commits, long rollbacks,
			String duration, String node, String callsRated) {
	}

	static List<Execution> of(List<JobExecution> executions) {
		return executions.stream().map(Executions::of).toList();
	}

	static Execution of(JobExecution execution) {
		List<Step> steps = execution.getStepExecutions()
			.stream()
			.sorted(Comparator.comparing(StepExecution::getStepName))
			.sorted(Comparator.comparing(step -> step.getStartTime(), Comparator.nullsLast(Comparator.naturalOrder())))
			.map(Executions::step)
			.toList();
		return new Execution(execution.getId(), execution.getStatus().name(),
				ReadableFailures.sentence(execution.getExitStatus().getExitDescription()),
				time(execution.getStartTime()), time(execution.getEndTime()),
				duration(execution.getStartTime(), execution.getEndTime()), steps);
	}

	private static Step step(StepExecution step) {
		String name = step.getStepName();
		return new Step(name.contains(":") ? name.substring(name.indexOf(':') + 1) : name, step.getStatus().name(),
				step.getReadCount(), step.getWriteCount(),
				step.getReadSkipCount() + step.getProcessSkipCount() + step.getWriteSkipCount(), step.getCommitCount(),
				step.getRollbackCount(), duration(step.getStartTime(), step.getEndTime()),
				step.getExecutionContext().getString(ReadableFailures.NODE, ""),
				// A partition rates id ranges: its items are ranges, and what it rated is in its context.
				step.getExecutionContext().containsKey(BillingJob.CALLS_RATED)
						? Long.toString(step.getExecutionContext().getLong(BillingJob.CALLS_RATED)) : "");
	}

	/** Batch keeps local times of the JVM's zone; shown in UTC. */
	static String time(LocalDateTime time) {
		return (time != null) ? TIME.format(instant(time)) : "";
	}

	static String time(Instant time) {
		return (time != null) ? TIME.format(time) : "";
	}

	static Instant instant(LocalDateTime time) {
		return time.atZone(ZoneId.systemDefault()).toInstant();
	}

	/** From start to end, or to now while it runs: "850 ms", "12.4 s", "3 min 05 s", "2 h 01 min". */
	static String duration(LocalDateTime start, LocalDateTime end) {
		if (start == null) {
			return "";
		}
		return duration(Duration.between(start, (end != null) ? end : LocalDateTime.now()));
	}

	static String duration(Duration duration) {
		long millis = Math.max(0, duration.toMillis());
		if (millis < 1000) {
			return millis + " ms";
		}
		if (millis < 60_000) {
			return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
		}
		long seconds = millis / 1000;
		if (seconds < 3600) {
			return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
		}
		return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, (seconds % 3600) / 60);
	}

}
