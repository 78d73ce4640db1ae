package org.billingreports.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import org.billingreports.kernel.ApiException;
import org.billingreports.security.SignIn;

/**
 * The console's sign-in form: the API's session sign-in ({@code ss-id}/{@code ss-pid} cookies, the same
 * failed-login throttle), then back to the page the user asked for. {@code GET /} sends a browser here.
 */
@Controller
class SignInPage {

	private final SignIn signIn;

	SignInPage(SignIn signIn) {
		this.signIn = signIn;
	}

	/** A browser at the service's address gets the console; an API client still gets JSON elsewhere. */
	@GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
	String home() {
		return "redirect:" + ConsolePages.PREFIX;
	}

	@GetMapping(ConsolePages.PREFIX + "/login")
	String form(@RequestParam(required = false) String next, Model model) {
		model.addAttribute("next", localPage(next));
		return "console/login";
	}

	@PostMapping(ConsolePages.PREFIX + "/login")
	String signIn(@RequestParam(required = false) String userName, @RequestParam(required = false) String password,
			@RequestParam(defaultValue = "false") boolean rememberMe, @RequestParam(required = false) String next,
			Model model, HttpServletRequest request, HttpServletResponse response) {
		try {
			this.signIn.withPassword(userName, password, rememberMe, request, response);
			return "redirect:" + localPage(next);
		}
		catch (ApiException ex) {
			response.setStatus(ex.status().value());
			model.addAttribute("error", ex.errors().isEmpty() ? ex.getMessage() : "Enter your user name and password");
			model.addAttribute("userName", userName);
			model.addAttribute("next", localPage(next));
			return "console/login";
		}
	}

	@PostMapping(ConsolePages.PREFIX + "/logout")
	String signOut(HttpServletRequest request, HttpServletResponse response) {
		this.signIn.signOut(request, response);
		return "redirect:" + ConsolePages.PREFIX + "/login";
	}

	/** Only a console page of this service, never another site (no open redirect). */
	static String localPage(String next) {
		boolean local = next != null && (next.equals(ConsolePages.PREFIX) || next.startsWith(ConsolePages.PREFIX + "/"))
				&& !next.contains("//") && !next.contains("\\") && next.chars().noneMatch(Character::isISOControl);
		return local ? next : ConsolePages.PREFIX;
	}

}
