package org.billingreports.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import org.billingreports.kernel.ApiException;
import org.billingreports.kernel.ErrorBodies;
import org.billingreports.kernel.ErrorResponse;

/** Every failure of a controller becomes a ServiceStack error with a fitting status; never a stack trace. */
@RestControllerAdvice
public class ApiExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@ExceptionHandler(ApiException.class)
	ResponseEntity<ErrorResponse> api(ApiException ex, HttpServletRequest request) {
		return typed(ex.toResponseEntity(), request);
	}

	@ExceptionHandler({ NoResourceFoundException.class, NoHandlerFoundException.class })
	ResponseEntity<ErrorResponse> unknownRoute(Exception ex, HttpServletRequest request) {
		return error(request, HttpStatus.NOT_FOUND, "NotFound", "No route matches this request");
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<ErrorResponse> method(HttpRequestMethodNotSupportedException ex, HttpServletRequest request) {
		return typed(ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
			.headers(ex.getHeaders())
			.body(body("MethodNotAllowed", "This route does not accept " + ex.getMethod()
					+ "; it accepts " + ex.getSupportedHttpMethods())), request);
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<ErrorResponse> mediaType(HttpMediaTypeNotSupportedException ex, HttpServletRequest request) {
		return error(request, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UnsupportedMediaType",
				"Content-Type " + ex.getContentType() + " is not accepted here; use one of "
						+ ex.getSupportedMediaTypes());
	}

	@ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
	ResponseEntity<ErrorResponse> notAcceptable(HttpMediaTypeNotAcceptableException ex, HttpServletRequest request) {
		return error(request, HttpStatus.NOT_ACCEPTABLE, "NotAcceptable",
				"This route answers with " + ex.getSupportedMediaTypes());
	}

	@ExceptionHandler(MissingServletRequestParameterException.class)
	ResponseEntity<ErrorResponse> missingParameter(MissingServletRequestParameterException ex,
			HttpServletRequest request) {
		return api(ApiException.invalidField(ex.getParameterName(), "NotEmpty", ex.getParameterName() + " is required"),
				request);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ErrorResponse> typeMismatch(MethodArgumentTypeMismatchException ex, HttpServletRequest request) {
		return api(ApiException.invalidField(ex.getName(), "InvalidValue",
				"'" + ex.getName() + "' has a value of the wrong type"), request);
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ErrorResponse> unreadable(HttpMessageNotReadableException ex, HttpServletRequest request) {
		return error(request, HttpStatus.BAD_REQUEST, "SerializationException", "The request body could not be read");
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	ResponseEntity<ErrorResponse> tooLarge(MaxUploadSizeExceededException ex, HttpServletRequest request) {
		return error(request, HttpStatus.CONTENT_TOO_LARGE, "RequestTooLarge", "The upload is larger than this server accepts");
	}

	@ExceptionHandler(MultipartException.class)
	ResponseEntity<ErrorResponse> multipart(MultipartException ex, HttpServletRequest request) {
		return error(request, HttpStatus.BAD_REQUEST, "InvalidMultipart", "The multipart body could not be read");
	}

	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<ErrorResponse> denied(AccessDeniedException ex, HttpServletRequest request) {
		return error(request, HttpStatus.FORBIDDEN, "Forbidden", "Your role may not do this");
	}

	/** The database is away for a moment: say so, and when to try again, rather than "failed". */
	@ExceptionHandler({ CannotGetJdbcConnectionException.class, DataAccessResourceFailureException.class,
			TransientDataAccessException.class })
	ResponseEntity<ErrorResponse> databaseAway(Exception ex, HttpServletRequest request) {
		log.warn("The database did not answer a request: {}", ex.toString());
		return typed(ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header("Retry-After", "10")
			.body(body("DatabaseUnavailable", "The database is not reachable at the moment; try again shortly")),
				request);
	}

	/** Whether a failure, or one of its causes, is the database being away (the kinds answered 503 above). */
	static boolean isDatabaseAway(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof CannotGetJdbcConnectionException || cause instanceof DataAccessResourceFailureException
					|| cause instanceof TransientDataAccessException) {
				return true;
			}
		}
		return false;
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ErrorResponse> unexpected(Exception ex, HttpServletRequest request) {
		log.error("Unexpected failure of a request", ex);
		return error(request, HttpStatus.INTERNAL_SERVER_ERROR, "InternalServerError",
				"The server failed to handle this request; the failure is logged");
	}

	private static ResponseEntity<ErrorResponse> error(HttpServletRequest request, HttpStatus status,
			String errorCode, String message) {
		return typed(ResponseEntity.status(status).body(body(errorCode, message)), request);
	}

	/**
	 * An error always has a body, whatever the request accepts (a download's {@code text/csv}
	 * included): the HTML page for a browser that asks for HTML first, else JSON.
	 */
	static ResponseEntity<ErrorResponse> typed(ResponseEntity<ErrorResponse> error, HttpServletRequest request) {
		return ResponseEntity.status(error.getStatusCode())
			.headers(error.getHeaders())
			.contentType(ErrorBodies.mediaType(request))
			.body(error.getBody());
	}

	private static ErrorResponse body(String errorCode, String message) {
		return ErrorResponse.of(errorCode, message, List.of());
	}

}
