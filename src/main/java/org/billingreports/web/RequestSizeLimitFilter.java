package org.billingreports.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;


import org.billingreports.calls.CallImportController;
import org.billingreports.kernel.ErrorResponseWriter;
import org.billingreports.kernel.RequestLimits;
import org.billingreports.ratedecks.RateDeckController;

/**
 * Refuses a request body larger than {@code billing.limits.max-request-bytes} with 413 before
 * anything reads it; call-record imports have their own, larger limit. A body without a declared
 * length is limited where it is read.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class RequestSizeLimitFilter extends OncePerRequestFilter {

	private final ErrorResponseWriter errors;

	private final long maxBytes;

	private final long maxImportBytes;

	RequestSizeLimitFilter(ErrorResponseWriter errors, RequestLimits limits) {
		this.errors = errors;
		this.maxBytes = limits.maxRequestBytes().toBytes();
		this.maxImportBytes = limits.maxImportBytes().toBytes();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI();
		long limit = (path.startsWith(CallImportController.PATH) || path.equals(RateDeckController.PATH))
				? this.maxImportBytes : this.maxBytes;
		if (request.getContentLengthLong() > limit) {
			this.errors.write(response, HttpStatus.CONTENT_TOO_LARGE, "RequestTooLarge",
					"The request body is larger than the " + limit + " bytes this route accepts");
			return;
		}
		chain.doFilter(request, response);
	}

}
