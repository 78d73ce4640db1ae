package org.billingreports.console;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.multipart.MultipartFile;

import org.billingreports.accounts.AccountAccess;
import org.billingreports.calls.CallImportService;
import org.billingreports.calls.ImportInfo;
import org.billingreports.ingestion.PushRejections;
import org.billingreports.kernel.ApiException;
import org.billingreports.kernel.Text;
import org.billingreports.security.Caller;

/**
 * Call-record imports: the list, an import's counts and rejected lines (all of them as CSV from the
 * API), the restart of a failed one, and the upload form. Not for Customer users, as in the API.
 */
@Controller
class ImportPages {

	private static final int PAGE = 25;

	private final CallImportService imports;

	private final AccountAccess accounts;

	private final PushRejections pushRejections;

	ImportPages(CallImportService imports, AccountAccess accounts, PushRejections pushRejections) {
		this.imports = imports;
		this.accounts = accounts;
		this.pushRejections = pushRejections;
	}

	@GetMapping(ConsolePages.PREFIX + "/imports")
	String list(@RequestParam(required = false) String accountId, @RequestParam(defaultValue = "0") int skip,
			@AuthenticationPrincipal Caller caller, Model model) {
		int from = Math.max(0, skip);
		String account = Text.strippedOrNull(accountId);
		List<ImportInfo> found = this.imports.list(account, from, PAGE + 1, caller);
		model.addAttribute("imports", found.subList(0, Math.min(PAGE, found.size())));
		model.addAttribute("accounts", this.accounts.namesVisibleTo(caller));
		model.addAttribute("accountId", account);
		model.addAttribute("previous", (from > 0) ? Math.max(0, from - PAGE) : null);
		model.addAttribute("next", (found.size() > PAGE) ? from + PAGE : null);
		// Legs switches pushed that could not be billed: of one account at a time (a Manager's own).
		String pushAccount = (account != null) ? account : caller.isAdministrator() ? null : caller.accountId();
		model.addAttribute("pushAccountId", pushAccount);
		model.addAttribute("pushRejections", (pushAccount != null && !caller.isCustomer())
				? this.pushRejections.recent(pushAccount, null, null, PAGE, caller) : List.of());
		return "console/imports";
	}

	@GetMapping(ConsolePages.PREFIX + "/imports/new")
	String form(@AuthenticationPrincipal Caller caller, Model model) {
		if (caller.isCustomer()) {
			throw ApiException.forbidden("A Customer user does not import call records");
		}
		model.addAttribute("accounts", this.accounts.namesVisibleTo(caller));
		model.addAttribute("form", Map.of("accountId", (caller.accountId() != null) ? caller.accountId() : ""));
		model.addAttribute("errors", Map.of());
		return "console/new-import";
	}

	@PostMapping(path = ConsolePages.PREFIX + "/imports")
	String upload(@RequestParam Map<String, String> form, @RequestPart(name = "file", required = false) MultipartFile file,
			@AuthenticationPrincipal Caller caller, Model model, HttpServletResponse response) throws Exception {
		try {
			CallImportService.Started started = this.imports.importCalls(new CallImportService.ImportRequest(
					form.get("accountId"), form.get("format"), ConsolePages.blankAsNull(form.get("timeZoneId")),
					(file != null) ? file.getOriginalFilename() : null, ConsolePages.blankAsNull(form.get("defaultCustomerId")),
					form.get("onDuplicate")),
					() -> (file != null && !file.isEmpty()) ? file.getInputStream() : null, caller);
			return ConsolePages.redirectTo("/imports/" + started.info().id());
		}
		catch (ApiException ex) {
			response.setStatus(ex.status().value());
			model.addAttribute("accounts", this.accounts.namesVisibleTo(caller));
			model.addAttribute("form", form);
			model.addAttribute("errors", ConsolePages.fieldErrors(ex));
			return "console/new-import";
		}
	}

	@GetMapping(ConsolePages.PREFIX + "/imports/{id}")
	String detail(@PathVariable String id, @AuthenticationPrincipal Caller caller, Model model,
			HttpServletRequest request) {
		ImportInfo info = this.imports.find(id, caller);
		model.addAttribute("info", info);
		model.addAttribute("ended", info.status().hasEnded());
		return ConsolePages.isLivePart(request) ? "console/import :: live" : "console/import";
	}

	@PostMapping(ConsolePages.PREFIX + "/imports/{id}/restart")
	String restart(@PathVariable String id, @AuthenticationPrincipal Caller caller) throws Exception {
		this.imports.restart(id, caller);
		return ConsolePages.redirectTo("/imports/" + id);
	}

}
