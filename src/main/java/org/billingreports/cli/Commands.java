package org.billingreports.cli;

import java.io.PrintStream;
import java.nio.file.Path;

import org.springframework.stereotype.Component;

import org.billingreports.batch.ExecutionStatus;
import org.billingreports.batch.JobCompletions;
import org.billingreports.calls.ImportInfo;
import org.billingreports.calls.CallImports;
import org.billingreports.kernel.ReportVersion;
import org.billingreports.report.BillingReportRequest;
import org.billingreports.statement.Audience;
import org.billingreports.statement.BillingFiles;
import org.billingreports.report.ReportInfo;
import org.billingreports.report.ReportInfos;
import org.billingreports.report.ReportService;
import org.billingreports.security.Caller;

/** What the command line does, through the same services as the HTTP API. */
@Component
class Commands {

	static final Caller OPERATOR = Caller.commandLine();

	private final ReportService reports;

	private final ReportInfos infos;

	private final BillingFiles files;

	private final JobCompletions completions;

	private final CallImports imports;

	Commands(ReportService reports, ReportInfos infos, BillingFiles files, JobCompletions completions,
			CallImports imports) {
		this.reports = reports;
		this.infos = infos;
		this.files = files;
		this.completions = completions;
		this.imports = imports;
	}

	int report(String account, String start, String end, boolean includeCustomerIds, String email, String webhook,
			PrintStream out, PrintStream err) throws Exception {
		ReportInfo created = this.reports.create(
				new BillingReportRequest(account, start, end, includeCustomerIds, email, webhook), null, OPERATOR);
		err.println("report " + created.id() + " " + created.status() + ": " + created.statusMessage());
		return awaitFile(created, out, err);
	}

	int restart(String reportId, PrintStream out, PrintStream err) throws Exception {
		ReportInfo restarted = this.reports.restart(reportId, OPERATOR);
		err.println("report " + reportId + " restarted as job execution " + restarted.jobId());
		return awaitFile(restarted, out, err);
	}

	int status(String reportId, PrintStream out) {
		ReportInfo info = this.infos.of(reportId);
		out.println(info.status() + ": " + info.statusMessage());
		if (info.status() == ExecutionStatus.Completed) {
			out.println(csv(info).toAbsolutePath());
		}
		return (info.status() == ExecutionStatus.Error) ? CommandLine.FAILED : CommandLine.OK;
	}

	int importFile(Path file, String account, String format, String timeZone, String defaultCustomer,
			String onDuplicate, PrintStream out, PrintStream err) throws Exception {
		ImportInfo result = this.imports.importFile(file, account, format, timeZone, defaultCustomer, onDuplicate,
				OPERATOR);
		boolean completed = result.status() == ExecutionStatus.Completed;
		// The counts are the result; a failed import's reason goes where failures go.
		PrintStream target = completed ? out : err;
		target.println(result.status() + ": " + result.statusMessage());
		result.rejections().forEach(rejection -> target.println("  line " + rejection.lineNumber() + ": "
				+ rejection.reason()));
		return completed ? CommandLine.OK : CommandLine.FAILED;
	}

	/** The report's billing file here (of the version it shows), made from its stored lines if this machine has none. */
	private Path csv(ReportInfo report) {
		return this.files.csv(new ReportVersion(report.id(), report.version()), Audience.PROVIDER);
	}

	/** Waits for the report's job and prints the file's path, or the reason it failed. */
	private int awaitFile(ReportInfo report, PrintStream out, PrintStream err) throws InterruptedException {
		this.completions.await(Long.parseLong(report.jobId()), CommandLine.forever());
		ReportInfo ended = this.infos.of(report.id());
		if (ended.status() != ExecutionStatus.Completed) {
			err.println("failed: report " + report.id() + " " + ended.status() + ": " + ended.statusMessage());
			return CommandLine.FAILED;
		}
		err.println(ended.statusMessage());
		out.println(csv(ended).toAbsolutePath());
		return CommandLine.OK;
	}

}
