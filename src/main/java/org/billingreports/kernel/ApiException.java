package org.billingreports.kernel;

import java.time.Duration;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * A request the service refuses, with the status code and the ServiceStack error it answers with.
 * Thrown anywhere below a controller; {@link ApiExceptionHandler} writes it.
 */
public class ApiException extends RuntimeException {

	private static final int MAX_ECHO = 80;

	private static final int MAX_MESSAGE = 500;

	private final HttpStatus status;

	private final String errorCode;

	private final List<ResponseError> errors;

	/** When to try again, for a 429 or 503; {@code null} when there is nothing to say. */
	private final Duration retryAfter;

	public ApiException(HttpStatus status, String errorCode, String message) {
		this(status, errorCode, message, List.of(), null);
	}

	private ApiException(HttpStatus status, String errorCode, String message, List<ResponseError> errors,
			Duration retryAfter) {
		super(capped(message));
		this.status = status;
		this.errorCode = errorCode;
		this.errors = List.copyOf(errors);
		this.retryAfter = retryAfter;
	}

	/** A 429 that says when the client may try again ({@code Retry-After}, in whole seconds). */
	public static ApiException tooManyRequests(String errorCode, String message, Duration retryAfter) {
		return new ApiException(HttpStatus.TOO_MANY_REQUESTS, errorCode, message, List.of(), retryAfter);
	}

	/** A 503: the service cannot take the request now, and says when to try again ({@code Retry-After}). */
	public static ApiException unavailable(String errorCode, String message, Duration retryAfter) {
		return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, errorCode, message, List.of(), retryAfter);
	}

	/** 401: the request carried no credentials, or wrong ones. */
	public static ApiException unauthorized(String message) {
		return new ApiException(HttpStatus.UNAUTHORIZED, "Unauthorized", message);
	}

	/** A 400 naming the fields at fault; the first error gives the summary. */
	public static ApiException validation(List<ResponseError> errors) {
		ResponseError first = errors.get(0);
		return new ApiException(HttpStatus.BAD_REQUEST, first.errorCode(), first.message(), errors, null);
	}

	public static ApiException invalidField(String fieldName, String errorCode, String message) {
		return validation(List.of(new ResponseError(errorCode, fieldName, message)));
	}

	public static ApiException badRequest(String errorCode, String message) {
		return new ApiException(HttpStatus.BAD_REQUEST, errorCode, message);
	}

	public static ApiException notFound(String what, String id) {
		return new ApiException(HttpStatus.NOT_FOUND, "NotFound", what + " '" + echo(id) + "' was not found");
	}

	/** A value from the request, as a message repeats it: never more than a short excerpt. */
	public static String echo(String value) {
		return (value == null || value.length() <= MAX_ECHO) ? value : value.substring(0, MAX_ECHO) + "…";
	}

	private static String capped(String message) {
		return (message == null || message.length() <= MAX_MESSAGE) ? message
				: message.substring(0, MAX_MESSAGE) + "…";
	}

	public static ApiException conflict(String errorCode, String message) {
		return new ApiException(HttpStatus.CONFLICT, errorCode, message);
	}

	public static ApiException forbidden(String message) {
		return new ApiException(HttpStatus.FORBIDDEN, "Forbidden", message);
	}

	public HttpStatus status() {
		return this.status;
	}

	public String errorCode() {
		return this.errorCode;
	}

	public List<ResponseError> errors() {
		return this.errors;
	}

	public ErrorResponse toResponse() {
		return ErrorResponse.of(this.errorCode, getMessage(), this.errors);
	}

	public ResponseEntity<ErrorResponse> toResponseEntity() {
		ResponseEntity.BodyBuilder response = ResponseEntity.status(this.status);
		if (this.status == HttpStatus.UNAUTHORIZED) {
			response.header("WWW-Authenticate", "Basic realm=\"billing-reports\"");
		}
		if (this.retryAfter != null) {
			response.header("Retry-After", String.valueOf(Math.max(1, this.retryAfter.toSeconds())));
		}
		return response.body(toResponse());
	}

}
