package org.billingreports.support;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test only when a headless browser can: Chromium and its ChromeDriver (Debian's {@code chromium}
 * and {@code chromium-driver}, or {@code CHROME_BIN} and {@code CHROMEDRIVER}). When they are missing
 * the test is skipped, loudly, unless {@code BILLING_REQUIRE_BROWSER=1} makes that a failure.
 */
public final class BrowserAvailable implements ExecutionCondition {

	public static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROME_BIN", "/usr/bin/chromium"));

	public static final Path CHROMEDRIVER = Path
		.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		String problem = !Files.isExecutable(CHROMIUM) ? "Chromium is not installed at " + CHROMIUM
				: !Files.isExecutable(CHROMEDRIVER) ? "ChromeDriver is not installed at " + CHROMEDRIVER : null;
		if (problem == null) {
			return ConditionEvaluationResult.enabled("Chromium and ChromeDriver are installed");
		}
		if ("1".equals(System.getenv("BILLING_REQUIRE_BROWSER"))) {
			throw new IllegalStateException("BILLING_REQUIRE_BROWSER=1 but " + problem);
		}
		String reason = "SKIPPED: " + problem + " (apt-get install chromium chromium-driver); set "
				+ "BILLING_REQUIRE_BROWSER=1 to make this a failure";
		System.err.println("[browser-tests] " + context.getDisplayName() + " " + reason);
		return ConditionEvaluationResult.disabled(reason);
	}

}
