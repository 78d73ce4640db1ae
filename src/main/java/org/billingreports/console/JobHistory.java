package org.billingreports.console;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

import org.billingreports.batch.ExecutionStatus;
import org.billingreports.billingjob.RatingProgress;
import org.billingreports.report.ReportInfo;
import org.billingreports.report.ReportQuery;
import org.billingreports.report.ReportService;
import org.billingreports.security.Caller;

/**
 * The billing job over its last completed runs that the caller may see: how long each took and how
 * many calls per second it rated, oldest first, as two bar charts.
 */
@Component
class JobHistory {

	static final int RUNS = 15;

	private final ReportService reports;

	JobHistory(ReportService reports) {
		this.reports = reports;
	}

	/** One run: its report, duration and rate. */
	record Run(String label, long millis, long callsPerSecond) {
	}

	List<ReportCharts.Chart> charts(Caller caller) {
		List<Run> runs = new ArrayList<>();
		List<ReportInfo> completed = this.reports.list(ReportQuery.newestIn(ExecutionStatus.Completed, RUNS), caller);
		List<ReportInfo> oldestFirst = new ArrayList<>(completed);
		Collections.reverse(oldestFirst);
		for (ReportInfo report : oldestFirst) {
			this.reports.executions(report.id(), caller)
				.stream()
				.filter(execution -> execution.getStatus() == BatchStatus.COMPLETED && execution.getStartTime() != null
						&& execution.getEndTime() != null)
				.findFirst()
				.ifPresent(execution -> runs.add(run(report, execution)));
		}
		if (runs.isEmpty()) {
			return List.of();
		}
		long longest = runs.stream().mapToLong(Run::millis).max().orElse(1);
		long fastest = runs.stream().mapToLong(Run::callsPerSecond).max().orElse(1);
		return List.of(
				new ReportCharts.Chart("Billing job: duration of the last runs", "s", runs.stream()
					.map(run -> new ReportCharts.Bar(run.label(), Executions.duration(Duration.ofMillis(run.millis())),
							(double) run.millis() / Math.max(1, longest)))
					.toList()),
				new ReportCharts.Chart("Billing job: calls rated per second", "calls/s", runs.stream()
					.map(run -> new ReportCharts.Bar(run.label(), run.callsPerSecond() + " calls/s",
							(double) run.callsPerSecond() / Math.max(1, fastest)))
					.toList()));
	}

	private static Run run(ReportInfo report, JobExecution execution) {
		long millis = Math.max(1, Duration.between(execution.getStartTime(), execution.getEndTime()).toMillis());
		long rated = RatingProgress.of(execution).rated();
		return new Run(Executions.time(execution.getStartTime()).substring(0, 16) + " " + report.accountId(), millis,
				rated * 1000 / millis);
	}

}
