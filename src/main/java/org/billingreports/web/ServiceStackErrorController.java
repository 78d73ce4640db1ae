package org.billingreports.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import org.billingreports.kernel.ErrorResponse;

/**
 * Errors the servlet container raises before Spring MVC (a malformed URL, a request rejected by a
 * filter) also answer in the ServiceStack shape, instead of Boot's default error body; a filter that met the
 * database away answers 503 with {@code Retry-After}, as a controller does.
 */
@RestController
@Hidden
public class ServiceStackErrorController implements ErrorController {

	private final ApiExceptionHandler handler;

	ServiceStackErrorController(ApiExceptionHandler handler) {
		this.handler = handler;
	}

	@RequestMapping("/error")
	ResponseEntity<ErrorResponse> error(HttpServletRequest request) {
		// A filter that met the database away (checking credentials, say) answers as a controller would: 503.
		if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Exception failure
				&& ApiExceptionHandler.isDatabaseAway(failure)) {
			return this.handler.databaseAway(failure, request);
		}
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = (code instanceof Integer value && HttpStatus.resolve(value) != null)
				? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
		String errorCode = status.getReasonPhrase().replace(" ", "");
		String message = status.is5xxServerError() ? "The server failed to handle this request; the failure is logged"
				: "The request was refused: " + status.getReasonPhrase();
		return ApiExceptionHandler.typed(
				ResponseEntity.status(status).body(ErrorResponse.of(errorCode, message, List.of())), request);
	}

}
