package org.billingreports.ingestion;

import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.Pollers;
import org.springframework.integration.file.RecursiveDirectoryScanner;
import org.springframework.integration.file.dsl.Files;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.StringUtils;

import org.billingreports.calls.CallImports;
import org.billingreports.kernel.ServiceProperties;

/**
 * Watches {@code billing.calls.inbox} when it is set, on nodes that do background work (not the command line):
 * one poller lists the folder and takes the files that settled, another follows the imports this node started.
 * Both run on one thread of their own, so a node takes and follows one file at a time, and a large file being
 * copied never holds up the service's scheduled work.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(InboxConfiguration.Watched.class)
@ConditionalOnBooleanProperty(name = "billing.background", matchIfMissing = true)
class InboxConfiguration {

	/** Whether a folder is set ({@code LocalPartitioningEnvironment} keeps Spring Integration for it then). */
	static class Watched implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return StringUtils.hasText(context.getEnvironment().getProperty("billing.calls.inbox"));
		}

	}

	/**
	 * The inbox's thread. Not a bean of type {@code TaskScheduler}: one would take the place of the scheduler
	 * Spring Boot makes for everything else.
	 */
	static final class InboxThread implements DisposableBean {

		private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

		InboxThread() {
			this.scheduler.setThreadNamePrefix("inbox-");
			this.scheduler.initialize();
		}

		@Override
		public void destroy() {
			this.scheduler.shutdown();
		}

	}

	@Bean
	InboxThread inboxThread() {
		return new InboxThread();
	}

	@Bean
	SettledFiles settledFiles(InboxProperties settings, Clock clock) {
		return new SettledFiles(root(settings), settings.inboxSettleTime(), clock);
	}

	@Bean
	Inbox inbox(InboxProperties settings, JdbcClient jdbc, CallImports imports, SettledFiles settled, Clock clock,
			ServiceProperties service) {
		return new Inbox(root(settings), new InboxClaims(jdbc), imports, settled, clock, service.effectiveNodeName());
	}

	@Bean
	IntegrationFlow inboxFiles(InboxProperties settings, SettledFiles settled, Inbox inbox, InboxThread thread) {
		RecursiveDirectoryScanner scanner = new RecursiveDirectoryScanner();
		// <inbox>/<account>/<format>/<file>: never deeper, where done/ and failed/ are.
		scanner.setMaxDepth(3);
		scanner.setFilter(settled);
		return IntegrationFlow
			.from(Files.inboundAdapter(root(settings).toFile()).scanner(scanner),
					adapter -> adapter.poller(Pollers.fixedDelay(settings.inboxPollInterval()).maxMessagesPerPoll(-1))
						.taskScheduler(thread.scheduler))
			.<File>handle((file, headers) -> {
				inbox.take(file.toPath());
				return null;
			})
			.get();
	}

	@Bean
	IntegrationFlow inboxImports(InboxProperties settings, Inbox inbox, InboxThread thread) {
		return IntegrationFlow
			.fromSupplier(inbox::unfinished,
					adapter -> adapter.poller(Pollers.fixedDelay(settings.inboxPollInterval()))
						.taskScheduler(thread.scheduler))
			.<List<InboxClaims.Claim>>handle((claims, headers) -> {
				inbox.followUp(claims);
				return null;
			})
			.get();
	}

	private static Path root(InboxProperties settings) {
		return settings.inbox().toAbsolutePath().normalize();
	}

}
