package org.billingreports.web;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import org.billingreports.kernel.ErrorResponseWriter;

/**
 * An HTTP method the service has no use for anywhere (CONNECT, PROPFIND, TRACE …) is answered 405 with
 * the methods it does take in {@code Allow}, rather than 400 or 501. Other requests the firewall
 * refuses (an encoded slash, a NUL) stay a 400.
 */
final class UnsupportedMethods implements RequestRejectedHandler {

	static final String ALLOW = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

	private static final Set<String> SUPPORTED = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

	private final ErrorResponseWriter errors;

	UnsupportedMethods(ErrorResponseWriter errors) {
		this.errors = errors;
	}

	static boolean isUnsupported(String method) {
		return method != null && !SUPPORTED.contains(method.toUpperCase(Locale.ROOT));
	}

	static String message(String method) {
		return "This service does not take " + method + "; it takes " + ALLOW;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
			throws IOException {
		if (isUnsupported(request.getMethod())) {
			response.setHeader(HttpHeaders.ALLOW, ALLOW);
			this.errors.write(response, HttpStatus.METHOD_NOT_ALLOWED, "MethodNotAllowed", message(request.getMethod()));
		}
		else {
			this.errors.write(response, HttpStatus.BAD_REQUEST, "BadRequest",
					"The request was refused: it is not a well-formed HTTP request for this service");
		}
	}

}
