package org.billingreports.billingjob;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

import org.billingreports.database.TableStatistics;
import org.billingreports.ratedecks.ReportDecks;

/**
 * Before the rating step partitions the calls (on the node that runs the job): fixes the rate decks of
 * the report's customers on its first run; a restart keeps them. The calls' rating asks which customers and
 * items a deck prices, in a statement PostgreSQL plans once for every range: planned from statistics that
 * know of one such row, not two hundred, it compared every call of a range with every pair (the bench's
 * deck job 10 s instead of 7.6 s), so those statistics are refreshed once the pins are written.
 */
final class DeckPins implements StepExecutionListener {

	private final ReportDefinitions reports;

	private final ReportDecks decks;

	private final TableStatistics statistics;

	DeckPins(ReportDefinitions reports, ReportDecks decks, TableStatistics statistics) {
		this.reports = reports;
		this.decks = decks;
		this.statistics = statistics;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		ReportToBill report = this.reports.toBill(BillingJob.runOf(stepExecution.getJobParameters()));
		int pinned = this.decks.pin(report.run(), report.accountId(), report.scope());
		this.statistics.afterWriting("report_rate_deck_item", pinned);
	}

}
