package org.billingreports.support;

import java.net.InetSocketAddress;
import java.net.Socket;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test only when RabbitMQ answers at {@code BILLING_TEST_RABBITMQ_HOST}:{@code
 * BILLING_TEST_RABBITMQ_PORT} (default 127.0.0.1:5672; user guest/guest). When it does not, the test
 * is skipped, loudly, unless {@code BILLING_REQUIRE_RABBITMQ=1} makes that a failure.
 */
public final class RabbitMqAvailable implements ExecutionCondition {

	public static final String HOST = env("BILLING_TEST_RABBITMQ_HOST", "127.0.0.1");

	public static final int PORT = Integer.parseInt(env("BILLING_TEST_RABBITMQ_PORT", "5672"));

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(HOST, PORT), 2000);
			return ConditionEvaluationResult.enabled("RabbitMQ reachable at " + HOST + ":" + PORT);
		}
		catch (Exception ex) {
			if ("1".equals(System.getenv("BILLING_REQUIRE_RABBITMQ"))) {
				throw new IllegalStateException("BILLING_REQUIRE_RABBITMQ=1 but RabbitMQ is not reachable at " + HOST
						+ ":" + PORT + ": " + ex.getMessage());
			}
			String reason = "SKIPPED: RabbitMQ not reachable at " + HOST + ":" + PORT + " (" + ex.getMessage()
					+ "); set BILLING_REQUIRE_RABBITMQ=1 to make this a failure";
			System.err.println("[rabbitmq-tests] " + context.getDisplayName() + " " + reason);
			return ConditionEvaluationResult.disabled(reason);
		}
	}

	/** Settings that point the service at this RabbitMQ. */
	public static String[] arguments() {
		return new String[] { "--spring.rabbitmq.host=" + HOST, "--spring.rabbitmq.port=" + PORT };
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
