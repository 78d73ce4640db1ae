package org.billingreports.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.billingreports.BillingReportsApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service in a JVM of its own, on the test's classpath and test profile: a node that can be
 * killed with SIGKILL, or one of several nodes.
 */
public final class ServiceProcess implements AutoCloseable {

	private final Process process;

	private final Path log;

	private final Api api;

	private ServiceProcess(Process process, Path log, Api api) {
		this.process = process;
		this.log = log;
		this.api = api;
	}

	/**
	 * Starts the node and waits until it answers HTTP.
	 * @param settings more {@code --key=value} settings, e.g. the database's
	 */
	public static ServiceProcess start(Path dataDir, String nodeName, List<String> settings) throws IOException {
		int port = freePort();
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
			.toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
				BillingReportsApplication.class.getName(), "--spring.profiles.active=test", "--server.port=" + port,
				"--billing.node-name=" + nodeName, "--billing.data-dir=" + dataDir.resolve(nodeName),
				"--logging.level.root=warn"));
		command.addAll(settings);
		Path log = dataDir.resolve(nodeName + "-" + System.nanoTime() + ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		ServiceProcess service = new ServiceProcess(process, log,
				new Api(port).as(ApiTestSupport.ADMIN, ApiTestSupport.ADMIN_PASSWORD));
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
			assertThat(process.isAlive()).as(service.log()).isTrue();
			return service.api.get("/reports").status() == 200;
		});
		return service;
	}

	/** A client of this node, as the test administrator. */
	public Api api() {
		return this.api;
	}

	/** SIGTERM, as an operator or a service manager stops it: a graceful stop, waited for. */
	public void stop() throws InterruptedException {
		this.process.destroy();
		this.process.waitFor();
	}

	/** SIGKILL: no shutdown hook, no graceful stop, as a crash or a power cut. */
	public void kill() throws InterruptedException {
		this.process.destroyForcibly().waitFor();
	}

	public String log() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() throws InterruptedException {
		kill();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
