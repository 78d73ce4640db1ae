package org.billingreports.kernel;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** URLs that the service will call (webhooks). */
public final class HttpUrls {

	private HttpUrls() {
	}

	/** Whether the text is an absolute {@code http} or {@code https} URL with a host. */
	public static boolean isHttpUrl(String text) {
		try {
			URI uri = new URI(text.strip());
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

}
