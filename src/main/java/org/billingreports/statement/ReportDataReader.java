package org.billingreports.statement;

import java.util.Optional;

import org.springframework.stereotype.Component;

import org.billingreports.kernel.ReportVersion;

/** Reads a completed report version's statement and lines as {@link ReportData}. */
@Component
public class ReportDataReader {

	private final StatementRepository statements;

	ReportDataReader(StatementRepository statements) {
		this.statements = statements;
	}

	/** The report's data as the audience may see it; empty before its lines are written. */
	public Optional<ReportData> read(ReportVersion run, Audience audience) {
		return this.statements.find(run)
			.map(statement -> ReportData.of(statement, this.statements.customers(run), this.statements.lines(run),
					audience));
	}

}
