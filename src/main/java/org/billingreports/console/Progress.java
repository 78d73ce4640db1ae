package org.billingreports.console;

import java.time.Duration;
import java.time.Instant;

import org.springframework.batch.core.job.JobExecution;

import org.billingreports.billingjob.RatingProgress;

/**
 * How far a running report has got, for its progress bar: calls rated of all, partitions done, the
 * rate so far and, from it, when rating should end.
 *
 * @param percent 0 to 100, or -1 before the calls were counted
 */
record Progress(String phase, long rated, long total, int partitionsDone, int partitions, long perSecond,
		String expectedEnd, int percent) {

	static Progress of(JobExecution execution, Instant now) {
		RatingProgress.Snapshot snapshot = RatingProgress.of(execution);
		long perSecond = 0;
		String expectedEnd = "";
		if (snapshot.ratingStarted() != null && snapshot.rated() > 0) {
			Duration elapsed = Duration.between(Executions.instant(snapshot.ratingStarted()), now);
			perSecond = snapshot.rated() * 1000 / Math.max(1, elapsed.toMillis());
			if (perSecond > 0 && snapshot.total() > snapshot.rated()) {
				expectedEnd = Executions.time(now.plusSeconds((snapshot.total() - snapshot.rated()) / perSecond + 1));
			}
		}
		int percent = (snapshot.total() > 0) ? (int) Math.min(100, snapshot.rated() * 100 / snapshot.total())
				: (snapshot.total() == 0) ? 100 : -1;
		return new Progress(snapshot.phase(), snapshot.rated(), snapshot.total(), snapshot.partitionsDone(),
				snapshot.partitions(), perSecond, expectedEnd, percent);
	}

}
