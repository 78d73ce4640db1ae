package org.billingreports.notifications;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
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

	/** Digits, hexadecimal numbers and dots only: what a C library may read as an IPv4 address. */
	private static final Pattern NUMERIC_HOST = Pattern.compile("(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+))*");

	/** An IPv4 address as four decimal numbers 0-255 without leading zeros: read alike by everyone. */
	private static final Pattern DOTTED_QUAD = Pattern
		.compile("((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");

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
		String spelling = spellingProblem(host);
		if (spelling != null) {
			return spelling;
		}
		List<InetAddress> addresses;
		try {
			addresses = List.of(InetAddress.getAllByName(literal(host)));
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

	/**
	 * A host written so that one client reads it as an internal address and another does not, refused
	 * before anything resolves it: this machine's names ({@code localhost}, {@code localhost.},
	 * {@code *.localhost}), and IPv4 addresses written in octal ({@code 0177.0.0.1}), hexadecimal
	 * ({@code 0x7f.0.0.1}), as one number ({@code 2130706433}) or in fewer than four parts ({@code 127.1}),
	 * which C libraries and browsers read as 127.0.0.1 and Java does not.
	 */
	static String spellingProblem(String host) {
		String name = host.toLowerCase(Locale.ROOT).replaceAll("\\.+$", "");
		if (name.equals("localhost") || name.endsWith(".localhost")) {
			return "names this machine (" + host + "), which webhooks may not call";
		}
		if (NUMERIC_HOST.matcher(name).matches() && !DOTTED_QUAD.matcher(name).matches()) {
			return "is an IPv4 address in octal, hexadecimal, a single number or fewer than four parts (" + host
					+ "): write it as four decimal numbers";
		}
		return null;
	}

	/** An IPv6 literal without its brackets and zone id ({@code [fe80::1%25eth0]}), or the host as it is. */
	private static String literal(String host) {
		if (!host.startsWith("[")) {
			return host;
		}
		String address = host.substring(1, host.length() - 1);
		int zone = address.indexOf('%');
		return (zone >= 0) ? address.substring(0, zone) : address;
	}

	static boolean isInternal(InetAddress address) {
		if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
				|| address.isAnyLocalAddress() || address.isMulticastAddress()) {
			return true;
		}
		byte[] bytes = address.getAddress();
		if (bytes.length == 16) {
			// An IPv4 address inside an IPv6 one: IPv4-compatible (::a.b.c.d, the first 96 bits zero) and
			// NAT64 (64:ff9b::/96) reach that IPv4 address. (Java reads IPv4-mapped ::ffff:a.b.c.d as IPv4.)
			if (isZero(bytes, 0, 12) || (bytes[0] == 0 && bytes[1] == 0x64 && (bytes[2] & 0xFF) == 0xFF
					&& (bytes[3] & 0xFF) == 0x9B && isZero(bytes, 4, 12))) {
				return isInternal(ipv4(bytes));
			}
			// IPv6 unique local addresses, fc00::/7.
			return (bytes[0] & 0xFE) == 0xFC;
		}
		// 100.64.0.0/10 (carrier-grade NAT) and 0.0.0.0/8 are not on the public internet either.
		return (bytes[0] & 0xFF) == 100 && (bytes[1] & 0xC0) == 64 || bytes[0] == 0;
	}

	private static boolean isZero(byte[] bytes, int from, int to) {
		for (int i = from; i < to; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return true;
	}

	private static InetAddress ipv4(byte[] ipv6) {
		try {
			return InetAddress.getByAddress(Arrays.copyOfRange(ipv6, 12, 16));
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException("four bytes are an IPv4 address", ex);
		}
	}

}
