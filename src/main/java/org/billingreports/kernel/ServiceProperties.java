package org.billingreports.kernel;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What every part of the service may need to know of the node it runs on ({@code billing.*}); each
 * capability has its own settings beside it (e.g. {@code billing.notifications.*}).
 *
 * @param nodeName this node's name in {@code ReportInfo.server}; the host name when empty
 * @param baseUrl the public base URL for links, e.g. {@code https://billing.example.com}; when empty,
 * links are built from the request that asks for them
 * @param dataDir where billing files, uploaded call-record files and (without an SMTP server) mails
 * are kept, and the embedded database; {@code ~/.billing-reports} unless set (see DatabaseEnvironment)
 * @param background whether this process does the background work of a node: scheduled runs,
 * recovery, retention, notifications (the command line turns it off)
 * @param shutdownGracePeriod how long a stopping node waits for its running jobs (and partitions) to
 * reach a chunk boundary
 * @param allowedHosts without a {@code baseUrl}, the hosts (as a request's {@code Host} names them)
 * that links may be built from; a request for any other host gets links on {@code localhost}, never
 * on a host a client made up
 */
@ConfigurationProperties("billing")
public record ServiceProperties(@DefaultValue("") String nodeName, @DefaultValue("") String baseUrl,
		Path dataDir, @DefaultValue("true") boolean background,
		@DefaultValue("30s") Duration shutdownGracePeriod,
		@DefaultValue({ "localhost", "127.0.0.1", "[::1]" }) List<String> allowedHosts) {

	public String effectiveNodeName() {
		if (!this.nodeName.isBlank()) {
			return this.nodeName;
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "localhost";
		}
	}

}
