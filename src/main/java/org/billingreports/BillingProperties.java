package org.billingreports;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The service's own settings ({@code billing.*}). Per-job tuning lives in {@code jobs/*.properties}.
 *
 * @param nodeName this node's name in {@code ReportInfo.server}; the host name when empty
 * @param baseUrl the public base URL for download links, e.g. {@code https://billing.example.com};
 * when empty, links are built from the request that asks for them
 * @param dataDir where billing files and uploaded call-record files are kept
 * @param executor the threads that run jobs
 * @param jobs per-job tuning
 */
@ConfigurationProperties("billing")
public record BillingProperties(@DefaultValue("") String nodeName, @DefaultValue("") String baseUrl,
		@DefaultValue("./data") Path dataDir, @DefaultValue Executor executor, @DefaultValue Jobs jobs) {

	/**
	 * @param threads jobs that run at the same time on this node
	 * @param queueCapacity jobs that may wait for a thread; beyond that a request is refused with 503
	 */
	public record Executor(@DefaultValue("2") int threads, @DefaultValue("10000") int queueCapacity) {
	}

	public record Jobs(@DefaultValue BillingReport billingReport, @DefaultValue CallImport callImport) {
	}

	/**
	 * @param chunkSize call records rated per transaction
	 * @param pageSize call records fetched per query
	 */
	public record BillingReport(@DefaultValue("1000") int chunkSize, @DefaultValue("1000") int pageSize) {
	}

	/**
	 * @param chunkSize lines stored per transaction
	 * @param rejectionsShown how many rejected lines an import answer lists (all are stored)
	 * @param waitForCompletion how long an import request waits for its job before it answers with the
	 * import still running
	 */
	public record CallImport(@DefaultValue("1000") int chunkSize, @DefaultValue("100") int rejectionsShown,
			@DefaultValue("10m") Duration waitForCompletion) {
	}

	public Path reportsDir() {
		return this.dataDir.resolve("reports");
	}

	public Path spoolDir() {
		return this.dataDir.resolve("imports");
	}

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
