package org.billingreports.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on loopback that receives webhooks: each path answers as told (fail the first
 * n requests with 500, or never answer) and keeps every request it got.
 */
public final class WebhookReceiver implements AutoCloseable {

	/** One request as received. */
	public record Received(Headers headers, byte[] body) {

		public String header(String name) {
			return this.headers.getFirst(name);
		}

		public String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

	private final HttpServer server;

	private final Map<String, List<Received>> received = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();

	private final Map<String, Boolean> silent = new ConcurrentHashMap<>();

	private final Object never = new Object();

	public WebhookReceiver() {
		this(0);
	}

	public WebhookReceiver(int port) {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.server.setExecutor(Executors.newCachedThreadPool());
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	/** A URL on this receiver whose requests are kept apart from every other path's. */
	public String url(String path) {
		return "http://127.0.0.1:" + port() + "/" + path;
	}

	public void failFirst(String path, int times) {
		this.failuresLeft.put("/" + path, new AtomicInteger(times));
	}

	public void neverAnswer(String path) {
		this.silent.put("/" + path, true);
	}

	public List<Received> received(String path) {
		return this.received.getOrDefault("/" + path, List.of());
	}

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		byte[] body;
		try (InputStream in = exchange.getRequestBody()) {
			body = in.readAllBytes();
		}
		this.received.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>())
			.add(new Received(exchange.getRequestHeaders(), body));
		if (this.silent.containsKey(path)) {
			synchronized (this.never) {
				try {
					this.never.wait(30_000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			exchange.close();
			return;
		}
		AtomicInteger failures = this.failuresLeft.get(path);
		boolean fail = failures != null && failures.getAndDecrement() > 0;
		byte[] answer = (fail ? "temporarily broken" : "ok").getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(fail ? 500 : 200, answer.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(answer);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
