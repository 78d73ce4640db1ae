package org.billingreports.notifications;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;


/**
 * Keeps webhooks from being a way into our own network: only {@code http} and {@code https}, and no
 * host that resolves to a loopback, private, link-local, multicast or unspecified address unless it
 * is on {@code billing.notifications.webhooks.allowed-hosts} (as written in the URL). Checked when a
 * report is requested and again before every delivery, since a name may resolve differently later.
 */
@Component
public class WebhookAddressPolicy {

	private final Set<String> allowedHosts;

	WebhookAddressPolicy(NotificationProperties properties) {
		this.allowedHosts = properties
			.webhooks()
			.allowedHosts()
			.stream()
			.map(host -> host.strip().toLowerCase(Locale.ROOT))
			.collect(Collectors.toSet());
	}

	/**
	 * @param unresolvableIsAllowed whether a host name that does not resolve now may pass (it is
	 * checked again when it is called)
	 * @return why the URL may not be called, or {@code null} when it may
	 */
	public String problem(String url, boolean unresolvableIsAllowed) {
		URI uri;
		try {
			uri = URI.create(url.strip());
		}
		catch (IllegalArgumentException ex) {
			return "is not a URL";
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("http") && !scheme.equals("https")) {
			return "must be an http or https URL";
		}
		String host = uri.getHost();
		if (host == null || host.isBlank()) {
			return "has no host";
		}
		if (this.allowedHosts.contains(host.toLowerCase(Locale.ROOT))) {
			return null;
		}
		List<InetAddress> addresses;
		try {
			addresses = List.of(InetAddress.getAllByName(host));
		}
		catch (UnknownHostException ex) {
			return unresolvableIsAllowed ? null : "host " + host + " does not resolve";
		}
		for (InetAddress address : addresses) {
			if (isInternal(address)) {
				return "points to an internal address (" + address.getHostAddress() + "), which webhooks may not call";
			}
		}
		return null;
	}

	static boolean isInternal(InetAddress address) {
		if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
				|| address.isAnyLocalAddress() || address.isMulticastAddress()) {
			return true;
		}
		byte[] bytes = address.getAddress();
		if (bytes.length == 16) {
			// IPv6 unique local addresses, fc00::/7.
			return (bytes[0] & 0xFE) == 0xFC;
		}
		// 100.64.0.0/10 (carrier-grade NAT) and 0.0.0.0/8 are not on the public internet either.
		return (bytes[0] & 0xFF) == 100 && (bytes[1] & 0xC0) == 64 || bytes[0] == 0;
	}

}
