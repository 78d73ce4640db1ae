package org.billingreports.statement;

import java.util.Optional;

import org.springframework.stereotype.Component;

/** Reads a completed report's statement and lines as {@link ReportData}. */
@Component
public class ReportDataReader {

	private final StatementRepository statements;

	ReportDataReader(StatementRepository statements) {
		this.statements = statements;
	}

	/** The report's data as the audience may see it; empty before its lines are written. */
	public Optional<ReportData> read(String reportId, Audience audience) {
		return this.statements.find(reportId)
			.map(statement -> ReportData.of(statement, this.statements.customers(reportId),
					this.statements.lines(reportId), audience));
	}

}
