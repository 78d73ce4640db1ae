package org.billingreports.console;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import org.billingreports.accounts.AccountRepository;
import org.billingreports.batch.ExecutionStatus;
import org.billingreports.operations.NodeHeartbeat;
import org.billingreports.report.ReportInfo;
import org.billingreports.report.ReportQuery;
import org.billingreports.report.ReportService;
import org.billingreports.scheduling.NightlyRuns;
import org.billingreports.security.Caller;

/**
 * What the service is doing now: reports running (with their progress) and queued, recent failures,
 * the nightly runs, notifications that keep failing and, for administrators, the nodes. Its live part
 * refreshes every few seconds.
 */
@Controller
class OverviewPage {

	private static final int SHOWN = 10;

	private final ReportService reports;

	private final AccountRepository accounts;

	private final NightlyRuns nightly;

	private final NodeHeartbeat heartbeats;

	private final JobHistory history;

	private final Clock clock;

	OverviewPage(JobHistory history, ReportService reports, AccountRepository accounts, NightlyRuns nightly, NodeHeartbeat heartbeats, Clock clock) {
		this.reports = reports;
		this.accounts = accounts;
		this.nightly = nightly;
		this.heartbeats = heartbeats;
		this.history = history;
		this.clock = clock;
	}

	/** A running report with how far it has got. */
	record Running(ReportInfo report, Progress progress) {
	}

	/** An account's nightly run: when the next starts, and the last one. */
	record Nightly(String accountId, String accountName, String nextRun, ReportInfo last) {
	}

	/** A node: whether it is alive, by its last heartbeat. */
	record Node(String name, String state, String startedAt, String heartbeatAt) {
	}

	@GetMapping(ConsolePages.PREFIX)
	String overview(@AuthenticationPrincipal Caller caller, Model model, HttpServletRequest request) {
		Instant now = this.clock.instant();
		model.addAttribute("running", of(ExecutionStatus.Running, caller)
			.stream()
			.map(report -> new Running(report, this.reports.executions(report.id(), caller)
				.stream()
				.findFirst()
				.map(execution -> Progress.of(execution, now))
				.orElse(null)))
			.toList());
		model.addAttribute("queued", of(ExecutionStatus.Queued, caller));
		model.addAttribute("failures", of(ExecutionStatus.Error, caller));
		model.addAttribute("troubled", this.reports.withTroubledNotifications(caller, SHOWN));
		model.addAttribute("nightly", caller.isCustomer() ? List.of() : nightly(caller, now));
		model.addAttribute("nodes", caller.isAdministrator() ? nodes(now) : List.of());
		if (ConsolePages.isLivePart(request)) {
			return "console/overview :: live";
		}
		model.addAttribute("charts", this.history.charts(caller));
		return "console/overview";
	}

	private List<ReportInfo> of(ExecutionStatus status, Caller caller) {
		return this.reports.list(ReportQuery.newestIn(status, SHOWN), caller);
	}

	private List<Nightly> nightly(Caller caller, Instant now) {
		String next = Executions.time(this.nightly.nextRun(now));
		return this.accounts.withNightlyBilling()
			.stream()
			.filter(account -> caller.canSeeAccount(account.id()))
			.map(account -> new Nightly(account.id(), account.name(), next,
					this.reports
						.list(new ReportQuery(account.id(), null, NightlyRuns.CREATED_BY, null, null,
								ReportQuery.Sort.newest, 0, 1), caller)
						.stream()
						.findFirst()
						.orElse(null)))
			.toList();
	}

	private List<Node> nodes(Instant now) {
		return this.heartbeats.nodes()
			.stream()
			.map(node -> new Node(node.name(),
					node.stoppedGracefully() ? "Stopped"
							: this.heartbeats.isAlive(node, now) ? "Alive" : "Silent",
					Executions.time(node.startedAt()), Executions.time(node.heartbeatAt())))
			.toList();
	}

}
