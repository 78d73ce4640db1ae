package org.billingreports.billingjob;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

import org.billingreports.ratedecks.ReportDecks;

/**
 * Before the rating step partitions the calls (on the node that runs the job): fixes the rate decks of
 * the report's customers on its first run; a restart keeps them.
 */
final class DeckPins implements StepExecutionListener {

	private final ReportDefinitions reports;

	private final ReportDecks decks;

	DeckPins(ReportDefinitions reports, ReportDecks decks) {
		this.reports = reports;
		this.decks = decks;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		ReportToBill report = this.reports.toBill(BillingJob.runOf(stepExecution.getJobParameters()));
		this.decks.pin(report.run(), report.accountId(), report.scope());
	}

}
