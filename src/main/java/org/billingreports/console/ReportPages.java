package org.billingreports.console;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Validator;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import org.billingreports.accounts.AccountAccess;
import org.billingreports.batch.ExecutionStatus;
import org.billingreports.kernel.ApiException;
import org.billingreports.kernel.RequestValidation;
import org.billingreports.report.BillingReportRequest;
import org.billingreports.report.ReportChanges;
import org.billingreports.report.ReportDeletion;
import org.billingreports.report.ReportInfo;
import org.billingreports.report.ReportQuery;
import org.billingreports.report.ReportService;
import org.billingreports.report.ReportVersions;
import org.billingreports.security.Caller;

/**
 * The reports: a list filtered and sorted as {@code GET /reports} is, the new-report form (the API's
 * validation messages beside their fields), and a report's page, whose live part follows a running
 * report until it ends.
 */
@Controller
class ReportPages {

	private static final int PAGE = 25;

	private final ReportService reports;

	private final ReportDeletion deletion;

	private final AccountAccess accounts;

	private final ReportCharts charts;

	private final Validator validator;

	private final Clock clock;

	private final ReportChanges changes;

	ReportPages(ReportService reports, ReportDeletion deletion, AccountAccess accounts, ReportCharts charts,
			Validator validator, Clock clock, ReportChanges changes) {
		this.changes = changes;
		this.validator = validator;
		this.reports = reports;
		this.deletion = deletion;
		this.accounts = accounts;
		this.charts = charts;
		this.clock = clock;
	}

	@ModelAttribute("statuses")
	ExecutionStatus[] statuses() {
		return ExecutionStatus.values();
	}

	@GetMapping(ConsolePages.PREFIX + "/reports")
	String list(@RequestParam Map<String, String> filters, @AuthenticationPrincipal Caller caller, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		int skip = number(filters.get("skip"), 0);
		model.addAttribute("filters", filters);
		// The list refreshes itself at its own address, filters and page included.
		model.addAttribute("self", request.getRequestURI()
				+ ((request.getQueryString() != null) ? "?" + request.getQueryString() : ""));
		model.addAttribute("accounts", this.accounts.namesVisibleTo(caller));
		model.addAttribute("sorts", ReportQuery.Sort.values());
		try {
			ReportQuery query = ReportQuery.parse(filters.get("accountId"), filters.get("status"),
					filters.get("requester"), filters.get("from"), filters.get("to"), filters.get("sort"), skip, PAGE + 1);
			List<ReportInfo> found = this.reports.list(query, caller);
			model.addAttribute("reports", found.subList(0, Math.min(PAGE, found.size())));
			model.addAttribute("previous", (skip > 0) ? Math.max(0, skip - PAGE) : null);
			model.addAttribute("next", (found.size() > PAGE) ? skip + PAGE : null);
		}
		catch (ApiException ex) {
			response.setStatus(ex.status().value());
			model.addAttribute("reports", List.of());
			model.addAttribute("errors", ConsolePages.fieldErrors(ex));
		}
		return ConsolePages.isLivePart(request) ? "console/reports :: results" : "console/reports";
	}

	@GetMapping(ConsolePages.PREFIX + "/reports/new")
	String form(@AuthenticationPrincipal Caller caller, Model model) {
		model.addAttribute("accounts", this.accounts.namesVisibleTo(caller));
		model.addAttribute("form", Map.of("accountId", (caller.accountId() != null) ? caller.accountId() : ""));
		model.addAttribute("errors", Map.of());
		return "console/new-report";
	}

	@PostMapping(ConsolePages.PREFIX + "/reports")
	String create(@RequestParam Map<String, String> form, @AuthenticationPrincipal Caller caller, Model model,
			HttpServletResponse response) throws Exception {
		BillingReportRequest request = new BillingReportRequest(form.get("accountId"), form.get("startDate"),
				form.get("endDate"), "on".equals(form.get("includeCustomerIds")), ConsolePages.blankAsNull(form.get("emailAddressToNotify")),
				ConsolePages.blankAsNull(form.get("webhookUrl")));
		try {
			RequestValidation.check(this.validator, request);
			ReportInfo created = this.reports.create(request, null, caller);
			return ConsolePages.redirectTo("/reports/" + created.id());
		}
		catch (ApiException ex) {
			response.setStatus(ex.status().value());
			model.addAttribute("accounts", this.accounts.namesVisibleTo(caller));
			model.addAttribute("form", form);
			model.addAttribute("errors", ConsolePages.fieldErrors(ex));
			return "console/new-report";
		}
	}

	@GetMapping(ConsolePages.PREFIX + "/reports/{id}")
	String detail(@PathVariable String id, @RequestParam(required = false) Integer version,
			@AuthenticationPrincipal Caller caller, Model model) {
		live(id, version, caller, model);
		return "console/report";
	}

	@GetMapping(ConsolePages.PREFIX + "/reports/{id}/live")
	String live(@PathVariable String id, @RequestParam(required = false) Integer version,
			@AuthenticationPrincipal Caller caller, Model model) {
		ReportInfo report = this.reports.get(id, version, caller);
		List<JobExecution> executions = this.reports.executions(id, caller);
		List<ReportVersions.ReportVersionInfo> versions = this.reports.versions(id, caller).versions();
		model.addAttribute("report", report);
		model.addAttribute("version", version);
		// A report that has ended stops following itself, unless a newer version of it still runs; only then
		// may it be rerun.
		model.addAttribute("ended", report.status().hasEnded()
				&& (report.latestStatus() == null || report.latestStatus().hasEnded()));
		model.addAttribute("versions", (versions.size() > 1) ? versions : null);
		model.addAttribute("previousCompleted", previousCompleted(versions));
		model.addAttribute("executions", Executions.of(executions));
		model.addAttribute("timeline", timeline(report, executions));
		model.addAttribute("progress", (!report.status().hasEnded() && !executions.isEmpty())
				? Progress.of(executions.get(0), this.clock.instant()) : null);
		model.addAttribute("mayAct", this.reports.mayAct(id, caller));
		return "console/report :: live";
	}

	/** Loaded by the page once the report is complete: drawing reads every rated call. */
	@GetMapping(ConsolePages.PREFIX + "/reports/{id}/charts")
	String charts(@PathVariable String id, @RequestParam(required = false) Integer version,
			@AuthenticationPrincipal Caller caller, Model model) {
		model.addAttribute("charts", this.charts.of(id, version, caller));
		return "console/report-charts :: charts";
	}

	/** What changed from one completed version to another. */
	@GetMapping(ConsolePages.PREFIX + "/reports/{id}/changes")
	String changes(@PathVariable String id, @RequestParam(required = false) Integer from,
			@RequestParam(required = false) Integer to, @AuthenticationPrincipal Caller caller, Model model) {
		model.addAttribute("report", this.reports.get(id, caller));
		model.addAttribute("changes", this.changes.between(this.changes.pair(id, from, to, caller)));
		return "console/changes";
	}

	@PostMapping(ConsolePages.PREFIX + "/reports/{id}/rerun")
	String rerun(@PathVariable String id, @AuthenticationPrincipal Caller caller) throws Exception {
		ReportInfo made = this.reports.rerun(id, caller);
		return ConsolePages.redirectTo("/reports/" + id + "?version=" + made.version());
	}

	@PostMapping(ConsolePages.PREFIX + "/reports/{id}/restart")
	String restart(@PathVariable String id, @AuthenticationPrincipal Caller caller) throws Exception {
		this.reports.restart(id, caller);
		return ConsolePages.redirectTo("/reports/" + id);
	}

	@PostMapping(ConsolePages.PREFIX + "/reports/{id}/notifications/{notificationId}/resend")
	String resend(@PathVariable String id, @PathVariable String notificationId, @AuthenticationPrincipal Caller caller) {
		this.reports.resendNotification(id, notificationId, caller);
		return ConsolePages.redirectTo("/reports/" + id);
	}

	@PostMapping(ConsolePages.PREFIX + "/reports/{id}/stop")
	String stop(@PathVariable String id, @AuthenticationPrincipal Caller caller) {
		this.reports.stop(id, caller);
		return ConsolePages.redirectTo("/reports/" + id);
	}

	@PostMapping(ConsolePages.PREFIX + "/reports/{id}/delete")
	String delete(@PathVariable String id, @AuthenticationPrincipal Caller caller) throws InterruptedException {
		this.deletion.delete(id, caller);
		return ConsolePages.redirectTo("/reports?deleted=" + id);
	}

	/** For each completed version, the completed version before it, if any. */
	private static Map<Integer, Integer> previousCompleted(List<ReportVersions.ReportVersionInfo> versions) {
		Map<Integer, Integer> previous = new java.util.HashMap<>();
		Integer last = null;
		for (ReportVersions.ReportVersionInfo version : versions) {
			if (version.status() == ExecutionStatus.Completed) {
				if (last != null) {
					previous.put(version.version(), last);
				}
				last = version.version();
			}
		}
		return previous;
	}

	/** Queued at its creation, then each execution's start and end. */
	private static List<Map<String, String>> timeline(ReportInfo report, List<JobExecution> newestFirst) {
		List<Map<String, String>> events = new ArrayList<>();
		events.add(Map.of("status", "Queued", "at", Executions.time(Instant.parse(report.dateCreated())), "what",
				"requested"));
		List<JobExecution> oldestFirst = new ArrayList<>(newestFirst);
		Collections.reverse(oldestFirst);
		for (JobExecution execution : oldestFirst) {
			boolean restart = !events.get(events.size() - 1).get("status").equals("Queued");
			if (execution.getStartTime() != null) {
				events.add(Map.of("status", "Running", "at", Executions.time(execution.getStartTime()), "what",
						restart ? "restarted (execution " + execution.getId() + ")" : "execution " + execution.getId()));
			}
			if (execution.getEndTime() != null && !execution.isRunning()) {
				ExecutionStatus status = ExecutionStatus.of(execution.getStatus());
				events.add(Map.of("status", status.name(), "at", Executions.time(execution.getEndTime()), "what",
						execution.getStatus().name().toLowerCase()));
			}
		}
		return events;
	}



	private static int number(String text, int otherwise) {
		try {
			return (text != null) ? Math.max(0, Integer.parseInt(text.strip())) : otherwise;
		}
		catch (NumberFormatException ex) {
			return otherwise;
		}
	}
}
