package org.billingreports.servicestack;

import java.util.Map;

/**
 * ServiceStack's {@code Authenticate} request DTO, as its clients send it to {@code /auth},
 * {@code /auth/{provider}} and {@code /api/Authenticate}. Fields this service has no use for
 * (OAuth tokens, views) are accepted and ignored.
 */
record Authenticate(String provider, String userName, String password, Boolean rememberMe, String accessToken,
		String accessTokenSecret, String returnUrl, String errorView, Map<String, String> meta) {

	boolean remembered() {
		return Boolean.TRUE.equals(this.rememberMe);
	}

}
