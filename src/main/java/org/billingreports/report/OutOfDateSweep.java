package org.billingreports.report;

import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import org.billingreports.changes.InputChangeQueue;
import org.billingreports.kernel.ServiceProperties;
import org.billingreports.notifications.NotificationDispatcher;

/**
 * Takes up the recorded changes every {@code billing.out-of-date.poll-interval}, on every node: each is
 * claimed by one node and taken up in one transaction with what it marks, so that a node that stops half
 * way leaves it to another, whole.
 */
@Component
public class OutOfDateSweep {

	private static final Logger log = LoggerFactory.getLogger(OutOfDateSweep.class);

	private static final int BATCH = 100;

	private final InputChangeQueue changes;

	private final OutOfDateMarking marking;

	private final TransactionTemplate transaction;

	private final NotificationDispatcher dispatcher;

	private final OutOfDateProperties properties;

	private final String node;

	private final Clock clock;

	OutOfDateSweep(InputChangeQueue changes, OutOfDateMarking marking, TransactionTemplate transaction,
			NotificationDispatcher dispatcher, OutOfDateProperties properties, ServiceProperties service, Clock clock) {
		this.changes = changes;
		this.marking = marking;
		this.transaction = transaction;
		this.dispatcher = dispatcher;
		this.properties = properties;
		this.node = service.effectiveNodeName();
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${billing.out-of-date.poll-interval:5s}",
			initialDelayString = "${billing.out-of-date.poll-interval:5s}")
	void poll() {
		takeUp();
	}

	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10M")
	void forgetOld() {
		this.changes.forgetProcessedBefore(this.clock.instant().minus(this.properties.keepChanges()));
	}

	/**
	 * Takes up every change not taken up yet, oldest first.
	 * @return how many this node took up
	 */
	public int takeUp() {
		int taken = 0;
		List<Long> pending;
		do {
			pending = this.changes.pending(this.clock.instant(), BATCH);
			for (long id : pending) {
				if (this.changes.claim(id, this.node, this.clock.instant(), this.properties.claimTimeout())) {
					take(id);
					taken++;
				}
			}
		}
		while (pending.size() == BATCH);
		if (taken > 0) {
			this.dispatcher.wakeUp();
		}
		return taken;
	}

	private void take(long id) {
		try {
			this.transaction.executeWithoutResult(status -> {
				InputChangeQueue.InputChange change = this.changes.find(id);
				int versions = this.marking.take(change);
				this.changes.processed(id, this.clock.instant());
				log.debug("Took up change {} ({} of account {}): {} report versions looked at", id, change.kind(),
						change.accountId(), versions);
			});
		}
		catch (RuntimeException ex) {
			// Left claimed: taken up again once its claim runs out, here or on another node.
			log.warn("Could not take up change {} now; it is tried again in {}: {}", id,
					this.properties.claimTimeout(), ex.toString());
		}
	}

}
