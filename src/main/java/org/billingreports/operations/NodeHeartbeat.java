package org.billingreports.operations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

import org.billingreports.kernel.ServiceProperties;
import org.billingreports.kernel.Utc;

/**
 * Says every {@code billing.recovery.heartbeat-interval} that this node is alive, on its own thread
 * (a job's slow chunk never delays it); the others recover the executions of a node that went
 * silent. A node that stops gracefully says so, and keeps its queued reports for its next start.
 */
@Component
public class NodeHeartbeat implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(NodeHeartbeat.class);

	/**
	 * A node as its heartbeats leave it.
	 * @param stoppedAt when it stopped gracefully, or {@code null} while it runs (or after a crash)
	 */
	public record Node(String name, Instant startedAt, Instant heartbeatAt, Instant stoppedAt) {

		public boolean stoppedGracefully() {
			return this.stoppedAt != null;
		}

	}

	private final JdbcClient jdbc;

	private final String node;

	private final Duration interval;

	private final Duration staleAfter;

	private final boolean background;

	private final Clock clock;

	private ThreadPoolTaskScheduler beat;

	NodeHeartbeat(JdbcClient jdbc, OperationsProperties properties, ServiceProperties service, Clock clock) {
		this.jdbc = jdbc;
		this.node = service.effectiveNodeName();
		this.interval = properties.recovery().heartbeatInterval();
		this.staleAfter = properties.recovery().staleAfter();
		this.background = service.background();
		this.clock = clock;
	}

	/** Every node that ever beat, by name. */
	public List<Node> nodes() {
		return this.jdbc.sql("SELECT node, started_at, heartbeat_at, stopped_at FROM node_heartbeat ORDER BY node")
			.query((rs, row) -> new Node(rs.getString("node"), instant(rs.getObject("started_at", OffsetDateTime.class)),
					instant(rs.getObject("heartbeat_at", OffsetDateTime.class)),
					instant(rs.getObject("stopped_at", OffsetDateTime.class))))
			.list();
	}

	/** Whether the node beat lately enough for the others to count it alive (see recovery's stale-after). */
	public boolean isAlive(Node node, Instant now) {
		return !node.stoppedGracefully() && node.heartbeatAt().isAfter(now.minus(this.staleAfter));
	}

	private static Instant instant(OffsetDateTime time) {
		return (time != null) ? time.toInstant() : null;
	}

	@Override
	public synchronized void start() {
		OffsetDateTime now = now();
		if (this.jdbc.sql("UPDATE node_heartbeat SET started_at = ?, heartbeat_at = ?, stopped_at = NULL WHERE node = ?")
			.params(now, now, this.node)
			.update() == 0) {
			this.jdbc.sql("INSERT INTO node_heartbeat (node, started_at, heartbeat_at) VALUES (?, ?, ?)")
				.params(this.node, now, now)
				.update();
		}
		// A scheduler of its own, not the shared one: a busy shared thread must not make the node look dead.
		this.beat = new ThreadPoolTaskScheduler();
		this.beat.setThreadNamePrefix("heartbeat-");
		this.beat.setDaemon(true);
		this.beat.initialize();
		this.beat.scheduleWithFixedDelay(this::beat, Instant.now().plus(this.interval), this.interval);
	}

	private void beat() {
		try {
			this.jdbc.sql("UPDATE node_heartbeat SET heartbeat_at = ? WHERE node = ?").params(now(), this.node).update();
		}
		catch (RuntimeException ex) {
			log.warn("Heartbeat of node {} not written: {}", this.node, ex.toString());
		}
	}

	@Override
	public synchronized void stop() {
		if (this.beat == null) {
			return;
		}
		this.beat.destroy();
		this.beat = null;
		try {
			if (this.background) {
				this.jdbc.sql("UPDATE node_heartbeat SET stopped_at = ? WHERE node = ?").params(now(), this.node)
					.update();
			}
			else {
				// A command-line run is a node for its few minutes only.
				this.jdbc.sql("DELETE FROM node_heartbeat WHERE node = ?").param(this.node).update();
			}
		}
		catch (RuntimeException ex) {
			log.warn("Node {} could not record its stop: {}", this.node, ex.toString());
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.beat != null;
	}

	/** After the jobs have stopped (they stop in a higher phase), and before the database goes. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 8192;
	}

	String node() {
		return this.node;
	}

	private OffsetDateTime now() {
		return Utc.of(Instant.now(this.clock));
	}

}
