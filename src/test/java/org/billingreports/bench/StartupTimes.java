package org.billingreports.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How long the packaged service takes to answer {@code /actuator/health} as {@code make run} starts
 * it (the demo profile, the class data sharing archive), on a new database (cold: migrations and demo
 * data) and again on the same one (warm); and how long one command of the command line takes while
 * the service runs.
 */
final class StartupTimes {

	private final Path jar;

	private final List<String> javaOptions;

	/** @param cds the class data sharing archive {@code make build} made; none when it does not exist */
	StartupTimes(Path jar, Path cds) {
		this.jar = jar;
		this.javaOptions = Files.exists(cds)
				? List.of("-XX:SharedArchiveFile=" + cds, "-Xlog:cds=off", "-Xlog:cds+dynamic=off") : List.of();
	}

	boolean available() {
		return Files.exists(this.jar);
	}

	/** Cold and warm start-up, then the command line's {@code report} and {@code status}, in nanoseconds. */
	Times measure(Path dataDir, List<String> databaseSettings) throws Exception {
		List<String> settings = new ArrayList<>(List.of("--billing.data-dir=" + dataDir));
		settings.addAll(databaseSettings);
		long cold = startAndStop(settings, null);
		long[] commands = new long[2];
		long warm = startAndStop(settings, () -> {
			String id = command(dataDir, commands, 0, settings, "report", "--account=demo", "--start=2026-10-01",
					"--end=2026-10-31");
			command(dataDir, commands, 1, settings, "status", id);
		});
		return new Times(cold, warm, commands[0], commands[1]);
	}

	private long startAndStop(List<String> settings, Whilst whilst) throws Exception {
		long start = System.nanoTime();
		Process process = start(freePort(), settings);
		try {
			long ready = System.nanoTime() - start;
			if (whilst != null) {
				whilst.run();
			}
			return ready;
		}
		finally {
			process.destroy();
			process.waitFor(60, TimeUnit.SECONDS);
		}
	}

	/** The service as {@code make run} starts it, on that port, once {@code /actuator/health} answers 200. */
	Process start(int port, List<String> settings) throws Exception {
		List<String> line = java();
		line.addAll(List.of("--spring.profiles.active=demo", "--server.port=" + port, "--logging.level.root=warn"));
		line.addAll(settings);
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build();
		Process process = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
		while (true) {
			if (!process.isAlive()) {
				throw new IllegalStateException("the service stopped while starting: " + line);
			}
			try {
				if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return process;
				}
			}
			catch (IOException notYet) {
				// not listening yet
			}
			TimeUnit.MILLISECONDS.sleep(20);
		}
	}

	/** Runs a command, keeps its time; returns the report id it named, if any. */
	private String command(Path dataDir, long[] times, int index, List<String> settings, String... command)
			throws Exception {
		List<String> line = java();
		line.addAll(List.of(command));
		line.addAll(settings);
		Path err = Files.createTempFile(dataDir.getParent(), "cli", ".err");
		long start = System.nanoTime();
		Process process = new ProcessBuilder(line).redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.redirectError(err.toFile())
			.start();
		int exit = process.waitFor();
		times[index] = System.nanoTime() - start;
		String printed = Files.readString(err);
		Files.delete(err);
		if (exit != 0) {
			throw new IllegalStateException(String.join(" ", command) + " exited " + exit + ": " + printed);
		}
		return printed.lines().filter(text -> text.startsWith("report ")).map(text -> text.split(" ")[1]).findFirst()
			.orElse(null);
	}

	private List<String> java() {
		List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
		line.addAll(this.javaOptions);
		line.addAll(List.of("-jar", this.jar.toString()));
		return line;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private interface Whilst {

		void run() throws Exception;

	}

	/** Nanoseconds: ready on a new database, ready again, one {@code report} and one {@code status}. */
	record Times(long cold, long warm, long report, long status) {

		static final Times NONE = new Times(0, 0, 0, 0);

	}

}
