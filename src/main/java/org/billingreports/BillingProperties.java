package org.billingreports;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import org.billingreports.rating.Direction;

/**
 * The service's own settings ({@code billing.*}). Per-job tuning lives in {@code jobs/*.properties}.
 *
 * @param nodeName this node's name in {@code ReportInfo.server}; the host name when empty
 * @param baseUrl the public base URL for download links, e.g. {@code https://billing.example.com};
 * when empty, links are built from the request that asks for them
 * @param dataDir where billing files and uploaded call-record files are kept
 * @param executor the threads that run jobs
 * @param jobs per-job tuning
 * @param retention reports (with their rows, files and job history) and imports older than this are
 * deleted
 * @param background whether this process does the background work of a node: scheduled runs,
 * recovery, retention (the command line turns it off)
 * @param shutdownGracePeriod how long a stopping node waits for its running jobs to reach a chunk
 * boundary
 * @param partitioning where the billing job's partitions run
 */
@ConfigurationProperties("billing")
public record BillingProperties(@DefaultValue("") String nodeName, @DefaultValue("") String baseUrl,
		@DefaultValue("./data") Path dataDir, @DefaultValue Executor executor, @DefaultValue Jobs jobs,
		@DefaultValue Notifications notifications, @DefaultValue Security security, @DefaultValue Limits limits,
		@DefaultValue Nightly nightly, @DefaultValue Recovery recovery, @DefaultValue("400d") Duration retention,
		@DefaultValue("true") boolean background, @DefaultValue("30s") Duration shutdownGracePeriod,
		@DefaultValue Partitioning partitioning) {

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
	 * @param partitions ranges of call records rated at once, each on a thread of its own; 0: one per
	 * processor core
	 */
	public record BillingReport(@DefaultValue("5000") int chunkSize, @DefaultValue("5000") int pageSize,
			@DefaultValue("0") int partitions) {

		public int effectivePartitions() {
			return (this.partitions > 0) ? this.partitions : Runtime.getRuntime().availableProcessors();
		}

	}

	/**
	 * @param chunkSize lines stored per transaction
	 * @param rejectionsShown how many rejected lines an import answer lists (all are stored)
	 * @param waitForCompletion how long an import request waits for its job before it answers with the
	 * import still running
	 * @param answerWhenDoneBelow uploads smaller than this are answered when imported; larger ones at
	 * once (202), to be followed at {@code GET /calls/imports/{id}}
	 * @param maxRejectedShare a file with a larger share of rejected lines fails, and nothing of it stays
	 * @param inboundContexts dialplan contexts (regular expressions) of inbound calls, for switch files
	 * @param outboundContexts dialplan contexts of outbound calls
	 * @param internalNumber what an extension looks like: a call from one to a number that is not is
	 * outbound, the other way inbound
	 * @param defaultDirection when neither context nor numbers tell
	 */
	public record CallImport(@DefaultValue("1000") int chunkSize, @DefaultValue("100") int rejectionsShown,
			@DefaultValue("10m") Duration waitForCompletion, @DefaultValue("5MB") DataSize answerWhenDoneBelow,
			@DefaultValue("0.5") double maxRejectedShare,
			@DefaultValue({ "from-trunk.*", "from-pstn.*", "from-external.*", ".*-pstn", "public" }) List<String> inboundContexts,
			@DefaultValue({ "from-internal.*", "from-users?", "internal", "default" }) List<String> outboundContexts,
			@DefaultValue("\\+?[0-9]{2,6}") String internalNumber,
			@DefaultValue("outbound") Direction defaultDirection) {
	}

	/**
	 * E-mail and webhook delivery (SPEC section 9).
	 * @param mailFrom the sender of notification mails
	 * @param mailOutbox where mails are written as .eml files when no SMTP server is configured
	 * ({@code spring.mail.host}); {@code <data-dir>/mail-outbox} when not set
	 * @param pollInterval how often pending notifications are looked for
	 * @param initialBackoff the wait after the first failed attempt; it doubles with each failure
	 * @param maxBackoff the longest wait between two attempts
	 * @param giveUpAfter a notification not delivered this long after the job ended is marked failed
	 * @param maxAttempts a notification is marked failed after this many attempts
	 * @param webhooks how webhooks are called
	 */
	public record Notifications(@DefaultValue("billing@localhost") String mailFrom, Path mailOutbox,
			@DefaultValue("5s") Duration pollInterval, @DefaultValue("30s") Duration initialBackoff,
			@DefaultValue("1h") Duration maxBackoff, @DefaultValue("24h") Duration giveUpAfter,
			@DefaultValue("30") int maxAttempts, @DefaultValue Webhooks webhooks) {
	}

	/**
	 * @param connectTimeout how long to wait for a connection
	 * @param readTimeout how long to wait for the answer
	 * @param maxResponseBytes how much of an answer is read (the rest is ignored)
	 * @param allowedHosts hosts, as written in webhook URLs, that may be internal addresses (loopback,
	 * private, link-local); any other host resolving to one is refused
	 */
	public record Webhooks(@DefaultValue("5s") Duration connectTimeout, @DefaultValue("10s") Duration readTimeout,
			@DefaultValue("4096") int maxResponseBytes, @DefaultValue List<String> allowedHosts) {
	}

	/**
	 * @param downloadLinkSecret the key that signs download links; when empty one is made and kept in
	 * the database, shared by every node
	 * @param downloadLinkTtl how long a download link works without credentials
	 * @param logins how failed logins are throttled
	 * @param sessions signed-in sessions ({@code POST /auth/credentials})
	 * @param apiKeysInQuery whether an API key may come as {@code ?apikey=} (ServiceStack's
	 * {@code AllowInHttpParams}); off, since query strings end up in logs and browser histories
	 */
	public record Security(@DefaultValue("") String downloadLinkSecret,
			@DefaultValue("7d") Duration downloadLinkTtl, @DefaultValue Logins logins,
			@DefaultValue Sessions sessions, @DefaultValue("false") boolean apiKeysInQuery) {
	}

	/**
	 * @param idleTimeout a session not used for this long ends
	 * @param lifetime a session ends this long after its sign-in, however much it is used
	 */
	public record Sessions(@DefaultValue("24h") Duration idleTimeout, @DefaultValue("14d") Duration lifetime) {
	}

	/**
	 * @param maxFailuresPerUser failed logins of one user name (or API key) within the window before
	 * further attempts are refused with 429
	 * @param maxFailuresPerAddress the same for one client address
	 * @param window how far back failures count
	 */
	public record Logins(@DefaultValue("5") int maxFailuresPerUser, @DefaultValue("30") int maxFailuresPerAddress,
			@DefaultValue("15m") Duration window) {
	}

	/**
	 * What one client may ask of the service.
	 * @param activeReportsPerAccount reports of one account queued or running at once; more are refused
	 * with 429
	 * @param maxRequestBytes the largest request body, except call-record imports (413 beyond)
	 * @param maxImportBytes the largest call-record file (413 beyond)
	 */
	public record Limits(@DefaultValue("50") int activeReportsPerAccount, @DefaultValue("1MB") DataSize maxRequestBytes,
			@DefaultValue("2GB") DataSize maxImportBytes) {
	}

	/**
	 * Nightly billing runs.
	 * @param cron when, in {@code zone}
	 * @param catchUpDays how many missed nights are caught up at start-up
	 */
	public record Nightly(@DefaultValue("0 30 1 * * *") String cron, @DefaultValue("UTC") String zone,
			@DefaultValue("7") int catchUpDays) {
	}

	/**
	 * Recovery of executions whose node stopped.
	 * @param heartbeatInterval how often a node says it is alive
	 * @param staleAfter a node silent this long is taken for dead, and its executions recovered
	 * @param autoRestart whether recovered reports and imports are restarted at once
	 * @param sweepInterval how often a node looks for executions (and partitions) of silent nodes
	 */
	public record Recovery(@DefaultValue("10s") Duration heartbeatInterval, @DefaultValue("2m") Duration staleAfter,
			@DefaultValue("false") boolean autoRestart, @DefaultValue("30s") Duration sweepInterval) {
	}

	/**
	 * Where the billing job's partitions run.
	 * @param mode {@code local}: on this node's partition threads; {@code remote}: sent over RabbitMQ
	 * to worker nodes, which report through the shared job repository
	 * @param worker whether this node runs partitions sent by others (remote mode)
	 * @param queue the RabbitMQ queue of partition requests
	 * @param workerThreads partitions a worker runs at once; 0: one per processor core
	 * @param timeout how long the node that runs a report waits for its partitions; then those not done
	 * fail, and the report can be restarted
	 * @param pollInterval how often it looks at the job repository for their progress
	 */
	public record Partitioning(@DefaultValue("local") PartitioningMode mode, @DefaultValue("false") boolean worker,
			@DefaultValue("billing.partitions") String queue, @DefaultValue("0") int workerThreads,
			@DefaultValue("6h") Duration timeout, @DefaultValue("1s") Duration pollInterval) {

		public int effectiveWorkerThreads() {
			return (this.workerThreads > 0) ? this.workerThreads : Runtime.getRuntime().availableProcessors();
		}

	}

	public enum PartitioningMode {

		local, remote

	}

	/** Where mails go when no SMTP server is configured: one .eml file each. */
	public Path mailOutboxDir() {
		return (this.notifications.mailOutbox() != null) ? this.notifications.mailOutbox()
				: this.dataDir.resolve("mail-outbox");
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
