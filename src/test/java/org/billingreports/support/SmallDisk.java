package org.billingreports.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A small tmpfs of the test's own, to fill up: a real "No space left on device" where the service
 * writes its files. Mounting needs root (CI has it); without it the test is skipped, loudly, unless
 * {@code BILLING_REQUIRE_TMPFS=1} makes that a failure ({@link Available}).
 */
public final class SmallDisk implements AutoCloseable {

	private final Path folder;

	private final Path filler;

	private SmallDisk(Path folder) {
		this.folder = folder;
		this.filler = folder.resolve("filler");
	}

	/** A fresh tmpfs of this many megabytes, mounted on a new temporary folder. */
	public static SmallDisk mount(int megabytes) throws IOException {
		Path folder = Files.createTempDirectory("small-disk");
		run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", folder.toString());
		return new SmallDisk(folder);
	}

	public Path folder() {
		return this.folder;
	}

	/** Takes every free byte, so that the next write fails with "No space left on device". */
	public void fill() throws IOException {
		byte[] block = new byte[64 * 1024];
		try (OutputStream out = Files.newOutputStream(this.filler)) {
			while (true) {
				out.write(block);
			}
		}
		catch (IOException full) {
			if (!String.valueOf(full.getMessage()).contains("No space left")) {
				throw full;
			}
		}
	}

	/** Gives back what {@link #fill()} took. */
	public void free() throws IOException {
		Files.deleteIfExists(this.filler);
	}

	@Override
	public void close() throws IOException {
		run("umount", "-l", this.folder.toString());
		Files.deleteIfExists(this.folder);
	}

	private static void run(String... command) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		try {
			if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IOException(String.join(" ", command) + " failed: "
						+ new String(process.getInputStream().readAllBytes()).strip());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(String.join(" ", command) + " was interrupted", ex);
		}
	}

	/** Runs a test only where a tmpfs can be mounted (root on Linux). */
	public static final class Available implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			try (SmallDisk disk = mount(1)) {
				return ConditionEvaluationResult.enabled("a tmpfs can be mounted");
			}
			catch (IOException ex) {
				if ("1".equals(System.getenv("BILLING_REQUIRE_TMPFS"))) {
					throw new IllegalStateException("BILLING_REQUIRE_TMPFS=1 but " + ex.getMessage(), ex);
				}
				String reason = "SKIPPED: no tmpfs could be mounted (" + ex.getMessage()
						+ "); run as root on Linux, set BILLING_REQUIRE_TMPFS=1 to make this a failure";
				System.err.println("[full-disk-tests] " + context.getDisplayName() + " " + reason);
				return ConditionEvaluationResult.disabled(reason);
			}
		}

	}

}
