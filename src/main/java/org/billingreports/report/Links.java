package org.billingreports.report;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import org.billingreports.BillingProperties;

/**
 * Absolute URLs of the service: from {@code billing.base-url} when set (what a proxy or an e-mail
 * reader must see), otherwise from the request being answered.
 */
@Component
public class Links {

	private final String baseUrl;

	Links(BillingProperties properties) {
		String configured = properties.baseUrl();
		this.baseUrl = configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
	}

	public String reportFile(String reportId) {
		return base() + "/reports/" + reportId + ".csv";
	}

	private String base() {
		if (!this.baseUrl.isEmpty() || RequestContextHolder.getRequestAttributes() == null) {
			return this.baseUrl;
		}
		return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
	}

}
