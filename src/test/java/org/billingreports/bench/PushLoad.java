package org.billingreports.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bench's own switch: the packaged service started as {@code make run} starts it, and {@code threads}
 * clients posting the real FreeSWITCH sample leg as raw JSON with fresh uuids for {@code seconds}, each
 * waiting for its answer before the next post (as the module does). Counts the legs answered 2xx, their
 * latency, and checks that the service stored exactly those.
 */
final class PushLoad {

	private static final String SAMPLE_UUID = "c8ccef5e-34c2-4fd2-9a2e-fa6f295f3a1e";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final StartupTimes service;

	PushLoad(StartupTimes service) {
		this.service = service;
	}

	/** Legs stored a second, the 50th and 99th percentile latency (nanoseconds), and how many were stored. */
	record Figures(double legsPerSecond, long p50, long p99, long answered, long stored, long refused) {

		static final Figures NONE = new Figures(0, 0, 0, 0, 0, 0);

	}

	/**
	 * @param settings where the service keeps its data (its database, its data folder)
	 * @param storedLegs how many legs the database holds, asked once the service has stopped
	 */
	Figures measure(List<String> settings, int threads, Duration length, LongSupplier storedLegs) throws Exception {
		int port = freePort();
		String sample = sample();
		Process process = this.service.start(port, settings);
		long answered;
		long[] all;
		long elapsed;
		AtomicLong refused = new AtomicLong();
		try {
			HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
			String base = "http://127.0.0.1:" + port;
			String admin = basic("admin", "admin-demo");
			JsonNode credential = JSON.readTree(send(http, HttpRequest.newBuilder(URI.create(base
					+ "/accounts/demo/switch-credentials")).header("Authorization", admin)
				.POST(HttpRequest.BodyPublishers.noBody())
				.build()).body());
			// The sample's account code names a customer of the demo account.
			send(http, HttpRequest.newBuilder(URI.create(base + "/customers")).header("Authorization", admin)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"ext-1001\",\"accountId\":\"demo\",\"name\":"
						+ "\"Extension 1001\",\"referenceId\":\"1001\"}"))
				.build());
			String theSwitch = basic(credential.get("username").asString(), credential.get("password").asString());
			long[][] latencies = new long[threads][];
			AtomicBoolean posting = new AtomicBoolean(true);
			List<Thread> clients = new ArrayList<>();
			long start = System.nanoTime();
			for (int i = 0; i < threads; i++) {
				int client = i;
				Thread thread = new Thread(() -> latencies[client] = post(port, theSwitch, sample, posting, refused));
				thread.start();
				clients.add(thread);
			}
			TimeUnit.NANOSECONDS.sleep(length.toNanos());
			posting.set(false);
			for (Thread client : clients) {
				client.join();
			}
			elapsed = System.nanoTime() - start;
			all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
			answered = all.length;
		}
		finally {
			process.destroy();
			process.waitFor(60, TimeUnit.SECONDS);
		}
		return new Figures(answered * 1e9 / elapsed, percentile(all, 50), percentile(all, 99), answered,
				storedLegs.getAsLong(), refused.get());
	}

	/** Posts fresh legs on one kept-alive connection until told to stop; the latency of each answered 2xx. */
	private static long[] post(int port, String credential, String sample, AtomicBoolean posting, AtomicLong refused) {
		long[] latencies = new long[1 << 16];
		int count = 0;
		try (PlainHttp http = new PlainHttp("127.0.0.1", port)) {
			while (posting.get()) {
				String uuid = UUID.randomUUID().toString();
				byte[] leg = sample.replace(SAMPLE_UUID, uuid).getBytes(StandardCharsets.UTF_8);
				long sent = System.nanoTime();
				int status = http.post("/calls/freeswitch/demo?uuid=" + uuid, credential, "application/json", leg);
				if (status / 100 != 2) {
					refused.incrementAndGet();
					continue;
				}
				if (count == latencies.length) {
					latencies = Arrays.copyOf(latencies, count * 2);
				}
				latencies[count++] = System.nanoTime() - sent;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return Arrays.copyOf(latencies, count);
	}

	private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("the service did not answer " + request.uri(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static long percentile(long[] sorted, int percent) {
		return (sorted.length == 0) ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * percent / 100.0) - 1)];
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private static String sample() throws IOException {
		try (InputStream in = PushLoad.class.getResourceAsStream("/cdr/real/freeswitch-json/" + SAMPLE_UUID + ".cdr.json")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
