package org.billingreports.batch;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

import org.billingreports.kernel.Text;

/**
 * Replaces a failed or stopped execution's exit description (a stack trace) with a reason a person
 * can act on: which stage failed and the innermost cause's message. It becomes the {@code
 * statusMessage} of the report or import. Saved at once: Spring Batch saved the end with the stack
 * trace before it called the listeners.
 */
public class ReadableFailures implements JobExecutionListener {

	static final int MAX_MESSAGE = 500;

	/** Partition step executions are named {@code step:partitionN}. */
	private static final String PARTITION_SEPARATOR = ":";

	/** Where a partition's step execution names the node that ran it, for its failure reason. */
	public static final String NODE = "node";

	private static final String CAUSED_BY = "Caused by: ";

	/** "java.lang.IllegalStateException: what went wrong", as a stack trace begins. */
	private static final Pattern EXCEPTION_LINE = Pattern
		.compile("(?:[a-zA-Z_$][\\w$]*\\.)+([A-Z][\\w$]*(?:Exception|Error))(?::\\s*(.*))?", Pattern.DOTALL);

	private final JobRepository jobRepository;

	private final Map<String, String> stages;

	private final String advice;

	private final String stopped;

	/**
	 * @param stages what failed, by the step name's start (partitions are named after their step), e.g.
	 * "Rating call records failed"
	 * @param advice what to do, appended to a failure
	 * @param stopped the message of a stopped execution
	 */
	public ReadableFailures(JobRepository jobRepository, Map<String, String> stages, String advice,
			String stopped) {
		this.jobRepository = jobRepository;
		this.stages = stages;
		this.advice = advice;
		this.stopped = stopped;
	}

	@Override
	public void afterJob(JobExecution execution) {
		if (UnknownOutcomes.isUnknown(execution)) {
			// Every write is idempotent: an unknown outcome is a failure that a restart mends.
			UnknownOutcomes.fail(execution, UnknownOutcomes.REASON, this.jobRepository);
		}
		else if (execution.getStatus() == BatchStatus.STOPPED) {
			execution.setExitStatus(new ExitStatus(ExitStatus.STOPPED.getExitCode(), this.stopped));
			this.jobRepository.update(execution);
		}
		else if (execution.getStatus() == BatchStatus.FAILED) {
			execution.setExitStatus(new ExitStatus(ExitStatus.FAILED.getExitCode(), describe(execution)));
			this.jobRepository.update(execution);
		}
	}

	private String describe(JobExecution execution) {
		// The failed step that knows why: a partition's failure rather than its manager's "a partition failed".
		StepExecution failed = execution.getStepExecutions()
			.stream()
			.filter(step -> step.getStatus() == BatchStatus.FAILED)
			.max(Comparator.comparing((StepExecution step) -> !step.getFailureExceptions().isEmpty())
				.thenComparing(step -> step.getStepName().contains(PARTITION_SEPARATOR)))
			.orElse(null);
		Throwable failure = (failed != null && !failed.getFailureExceptions().isEmpty())
				? failed.getFailureExceptions().get(0) : null;
		String reason = (failure != null && failed.getStepName().contains(PARTITION_SEPARATOR)) ? reason(failure)
				: remotePartitionsReason(execution);
		if (reason == null) {
			if (failure == null && !execution.getAllFailureExceptions().isEmpty()) {
				failure = execution.getAllFailureExceptions().get(0);
			}
			reason = reason(failure);
		}
		String message = stage(failed) + ": " + reason + this.advice;
		return Text.fitted(message, MAX_MESSAGE);
	}

	private String stage(StepExecution failed) {
		return (failed == null) ? "It failed" : this.stages.entrySet()
			.stream()
			.filter(entry -> failed.getStepName().startsWith(entry.getKey()))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse("It failed");
	}

	/**
	 * Partitions that failed in other processes (remote partitioning) left their reasons in the job
	 * repository only: "partition2 on worker-b: …", each, or {@code null} when none failed so.
	 */
	private String remotePartitionsReason(JobExecution execution) {
		JobExecution stored = this.jobRepository.getJobExecution(execution.getId());
		if (stored == null) {
			return null;
		}
		List<String> reasons = stored.getStepExecutions()
			.stream()
			.filter(step -> step.getStepName().contains(PARTITION_SEPARATOR) && step.getStatus() == BatchStatus.FAILED)
			.sorted(Comparator.comparing(StepExecution::getStepName))
			.map(step -> step.getStepName().substring(step.getStepName().indexOf(PARTITION_SEPARATOR) + 1)
					+ Optional.ofNullable(step.getExecutionContext().getString(NODE, null)).map(node -> " on " + node)
						.orElse("")
					+ ": " + reason(step.getExitStatus().getExitDescription()))
			.toList();
		return reasons.isEmpty() ? null : String.join("; ", reasons);
	}

	/** The innermost cause's message: the one that names what went wrong. */
	private static String reason(Throwable failure) {
		if (failure == null) {
			return "no cause was recorded";
		}
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		return (message == null || message.isBlank()) ? root.getClass().getSimpleName() : message.strip();
	}

	/**
	 * What a saved exit description says to a person, whatever wrote it: a stack trace or an exception's
	 * text becomes its innermost cause's message; a reason written here stays as it is. Never a class name.
	 */
	public static String sentence(String description) {
		if (description == null || description.isBlank()) {
			return null;
		}
		String reason = reason(description);
		boolean bareName = reason.matches("[A-Za-z_$][\\w$]*(Exception|Error)");
		return bareName ? "It failed without saying why (" + humanize(reason) + "); look at the service's log" : reason;
	}

	/** {@code JobExecutionException} → "job execution". */
	private static String humanize(String exceptionName) {
		return exceptionName.replaceAll("(Exception|Error)$", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
	}

	/** The same from a saved exit description: a stack trace's innermost cause, or a plain reason. */
	static String reason(String description) {
		if (description == null || description.isBlank()) {
			return "no cause was recorded";
		}
		List<String> lines = description.strip().lines().toList();
		String cause = lines.stream()
			.filter(line -> line.startsWith(CAUSED_BY))
			.reduce((first, last) -> last)
			.map(line -> line.substring(CAUSED_BY.length()))
			.orElse(lines.get(0))
			.strip();
		Matcher exception = EXCEPTION_LINE.matcher(cause);
		if (!exception.matches()) {
			return cause;
		}
		return (exception.group(2) != null && !exception.group(2).isBlank()) ? exception.group(2).strip()
				: exception.group(1);
	}

}
