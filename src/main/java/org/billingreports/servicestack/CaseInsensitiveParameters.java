package org.billingreports.servicestack;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Query-string and form parameters are found whatever the case of their names, as ServiceStack
 * finds them: {@code ?AccountId=acc-1} is {@code accountId}. A name given exactly wins.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 11)
class CaseInsensitiveParameters extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(new HttpServletRequestWrapper(request) {

			@Override
			public String getParameter(String name) {
				String[] values = getParameterValues(name);
				return (values != null && values.length > 0) ? values[0] : null;
			}

			@Override
			public String[] getParameterValues(String name) {
				String[] exact = super.getParameterValues(name);
				if (exact != null) {
					return exact;
				}
				for (String given : getParameterMap().keySet()) {
					if (given.equalsIgnoreCase(name)) {
						return super.getParameterValues(given);
					}
				}
				return null;
			}

		}, response);
	}

}
