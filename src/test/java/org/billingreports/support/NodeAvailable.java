package org.billingreports.support;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test only when Node.js and npm are installed (tests that drive real JavaScript clients).
 * When they are not, the test is skipped, loudly, unless {@code BILLING_REQUIRE_NODE=1} makes that a
 * failure.
 */
public final class NodeAvailable implements ExecutionCondition {

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		String problem = missing("node", "--version");
		if (problem == null) {
			problem = missing("npm", "--version");
		}
		if (problem == null) {
			return ConditionEvaluationResult.enabled("Node.js and npm are installed");
		}
		if ("1".equals(System.getenv("BILLING_REQUIRE_NODE"))) {
			throw new IllegalStateException("BILLING_REQUIRE_NODE=1 but " + problem);
		}
		String reason = "SKIPPED: " + problem + "; set BILLING_REQUIRE_NODE=1 to make this a failure";
		System.err.println("[node-tests] " + context.getDisplayName() + " " + reason);
		return ConditionEvaluationResult.disabled(reason);
	}

	/** @return why the command cannot run, or {@code null} when it answers */
	private static String missing(String... command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
				process.destroyForcibly();
				return command[0] + " did not answer " + command[1];
			}
			return null;
		}
		catch (IOException ex) {
			return command[0] + " is not installed (" + ex.getMessage() + ")";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return command[0] + " was interrupted";
		}
	}

}
