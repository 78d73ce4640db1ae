package org.billingreports.report;

import java.util.List;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponents;

import org.billingreports.kernel.ReportVersion;
import org.billingreports.kernel.ServiceProperties;


/**
 * Absolute URLs of the service, as download links and mails carry them: from {@code billing.base-url}
 * when set (what production sets: what a proxy or an e-mail reader must see); otherwise from the
 * request being answered if its host is one of {@code billing.allowed-hosts}; otherwise, and outside a
 * request (a mail sent after a job), this host's port on localhost. A {@code Host} header a client made
 * up never ends up in a link that carries a valid token.
 */
@Component
public class Links {

	private final String baseUrl;

	private final Environment environment;

	private final DownloadTokens tokens;

	private final List<String> allowedHosts;

	Links(ServiceProperties properties, Environment environment, DownloadTokens tokens) {
		this.allowedHosts = properties.allowedHosts();
		String configured = properties.baseUrl();
		this.baseUrl = configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
		this.environment = environment;
		this.tokens = tokens;
	}

	/**
	 * A file of a report version, with a token that lets it be fetched without credentials until it
	 * expires. The link names its version: it serves that version's file after a rerun too.
	 * @param suffix {@code .csv}, {@code .xlsx} or {@code /calls.csv}
	 */
	public String reportFile(ReportVersion run, String suffix) {
		// The token last, as links had it before versions: a client that takes it from the end still finds it.
		return base() + "/reports/" + run.reportId() + suffix + "?version=" + run.version() + "&token="
				+ this.tokens.issue(run.reportId());
	}

	public String reportRestart(String reportId) {
		return base() + "/reports/" + reportId + "/restart";
	}

	public String reportRerun(String reportId) {
		return base() + "/reports/" + reportId + "/rerun";
	}

	private String base() {
		if (!this.baseUrl.isEmpty()) {
			return this.baseUrl;
		}
		if (RequestContextHolder.getRequestAttributes() != null) {
			UriComponents request = ServletUriComponentsBuilder.fromCurrentContextPath().build();
			if (this.allowedHosts.stream().anyMatch(host -> host.equalsIgnoreCase(request.getHost()))) {
				return request.toUriString();
			}
		}
		return "http://localhost:"
				+ this.environment.getProperty("local.server.port", this.environment.getProperty("server.port", "8080"));
	}

}
