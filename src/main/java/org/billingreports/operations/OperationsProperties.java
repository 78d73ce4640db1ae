package org.billingreports.operations;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Keeping a node and its data in order ({@code billing.*}).
 * @param retention reports (with their rows, files and job history) and imports older than this are
 * deleted
 * @param recovery recovery of executions whose node stopped
 */
@ConfigurationProperties("billing")
record OperationsProperties(@DefaultValue("400d") Duration retention, @DefaultValue Recovery recovery) {

	/**
	 * @param heartbeatInterval how often a node says it is alive
	 * @param staleAfter a node silent this long is taken for dead, and its executions recovered
	 * @param autoRestart whether recovered reports and imports are restarted at once
	 * @param sweepInterval how often a node looks for executions (and partitions) of silent nodes
	 */
	record Recovery(@DefaultValue("10s") Duration heartbeatInterval, @DefaultValue("2m") Duration staleAfter,
			@DefaultValue("false") boolean autoRestart, @DefaultValue("30s") Duration sweepInterval) {
	}

}
