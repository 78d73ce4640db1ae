package org.billingreports.console;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

import org.billingreports.kernel.ApiException;
import org.billingreports.kernel.ResponseError;
import org.billingreports.security.Caller;

/**
 * What every console page shares: the signed-in user for the navigation, and errors shown as a page
 * (the API's message and status) rather than as JSON.
 */
@ControllerAdvice(basePackageClasses = ConsolePages.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsolePages {

	static final String PREFIX = "/console";

	@ModelAttribute("me")
	Caller me(@AuthenticationPrincipal Caller caller) {
		return caller;
	}

	@ModelAttribute("path")
	String path(HttpServletRequest request) {
		return request.getRequestURI();
	}

	/** The model attributes above are not made for an exception handler's view: they are added here. */
	@ExceptionHandler(ApiException.class)
	String refused(ApiException ex, Model model, @AuthenticationPrincipal Caller caller, HttpServletRequest request,
			HttpServletResponse response) {
		response.setStatus(ex.status().value());
		model.addAttribute("me", caller);
		model.addAttribute("path", request.getRequestURI());
		model.addAttribute("status", ex.status().value());
		model.addAttribute("title", ex.status().getReasonPhrase());
		model.addAttribute("message", ex.getMessage());
		return "console/error";
	}

	/** Whether a request is htmx's, for a page's live part rather than the whole page. */
	static boolean isLivePart(HttpServletRequest request) {
		return request.getHeader("HX-Request") != null && request.getHeader("HX-Boosted") == null;
	}

	/** The request's faults by field ({@code ""} for the request as a whole). */
	static Map<String, String> fieldErrors(ApiException ex) {
		Map<String, String> byField = new HashMap<>();
		for (ResponseError error : ex.errors()) {
			byField.merge((error.fieldName() != null) ? error.fieldName() : "", error.message(), (a, b) -> a + "; " + b);
		}
		if (byField.isEmpty()) {
			byField.put("", ex.getMessage());
		}
		return byField;
	}

	/** A form's empty field is an absent value, as an API request would leave it out. */
	static String blankAsNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	/** Where a form sends the browser after it acted, as a redirect view name. */
	static String redirectTo(String page) {
		return "redirect:" + URI.create(PREFIX + page);
	}

}
