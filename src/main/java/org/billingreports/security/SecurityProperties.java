package org.billingreports.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Credentials and what guards them ({@code billing.security.*}).
 * @param downloadLinkSecret the key that signs download links; when empty one is made and kept in
 * the database, shared by every node
 * @param downloadLinkTtl how long a download link works without credentials
 * @param logins how failed logins are throttled
 * @param sessions signed-in sessions ({@code POST /auth/credentials})
 * @param apiKeysInQuery whether an API key may come as {@code ?apikey=} (ServiceStack's
 * {@code AllowInHttpParams}); off, since query strings end up in logs and browser histories
 */
@ConfigurationProperties("billing.security")
public record SecurityProperties(@DefaultValue("") String downloadLinkSecret,
		@DefaultValue("7d") Duration downloadLinkTtl, @DefaultValue Logins logins, @DefaultValue Sessions sessions,
		@DefaultValue("false") boolean apiKeysInQuery) {

	/**
	 * @param maxFailuresPerUser failed logins of one user name (or API key) within the window before
	 * further attempts are refused with 429
	 * @param maxFailuresPerAddress failed logins of any names from one client address within the window
	 * before the names that have not signed in from it within the window are refused too
	 * @param window how far back failures count
	 */
	public record Logins(@DefaultValue("5") int maxFailuresPerUser, @DefaultValue("100") int maxFailuresPerAddress,
			@DefaultValue("15m") Duration window) {
	}

	/**
	 * @param idleTimeout a session not used for this long ends
	 * @param lifetime a session ends this long after its sign-in, however much it is used
	 */
	public record Sessions(@DefaultValue("24h") Duration idleTimeout, @DefaultValue("14d") Duration lifetime) {
	}

}
