package org.billingreports.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

/** A client of the running service over real HTTP, as a user (or anonymously). */
public final class Api {

	public static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String base;

	private final String authorization;

	public Api(int port) {
		this("http://localhost:" + port, null);
	}

	private Api(String base, String authorization) {
		this.base = base;
		this.authorization = authorization;
	}

	public Api as(String user, String password) {
		return new Api(this.base, "Basic " + Base64.getEncoder()
			.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
	}

	public Api withBearer(String key) {
		return new Api(this.base, "Bearer " + key);
	}

	public String base() {
		return this.base;
	}

	public ApiResponse get(String path) {
		return send("GET", path, null, (byte[]) null);
	}

	public ApiResponse delete(String path) {
		return send("DELETE", path, null, (byte[]) null);
	}

	public ApiResponse post(String path, Object body) {
		return send("POST", path, "application/json", json(body));
	}

	public ApiResponse put(String path, Object body) {
		return send("PUT", path, "application/json", json(body));
	}

	public ApiResponse send(String method, String path, String contentType, String body) {
		return send(method, path, contentType,
				(body != null) ? body.getBytes(StandardCharsets.UTF_8) : null);
	}

	public ApiResponse send(String method, String path, String contentType, byte[] body) {
		return send(method, path, contentType, body, null, null);
	}

	public ApiResponse sendWithAccept(String method, String path, String accept) {
		return send(method, path, null, null, "Accept", accept);
	}

	public ApiResponse sendWithHeader(String method, String path, String contentType, String body, String header,
			String value) {
		return send(method, path, contentType, body.getBytes(StandardCharsets.UTF_8), header, value);
	}

	/** A request with exactly these headers (and this client's credentials, if any). */
	public ApiResponse exchange(String method, String path, Map<String, String> headers, byte[] body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(60))
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofByteArray(body)
					: HttpRequest.BodyPublishers.noBody());
		headers.forEach(request::header);
		if (this.authorization != null) {
			request.header("Authorization", this.authorization);
		}
		return execute(request);
	}

	/**
	 * A request with any method, written on a socket by hand: Java's HTTP client refuses methods such as
	 * CONNECT. Only the status, headers and body of the answer are read.
	 */
	public ApiResponse rawMethod(String method, String path) {
		URI uri = URI.create(this.base + path);
		return raw(method, path, Map.of("Host", uri.getHost() + ":" + uri.getPort()));
	}

	/** The same, with exactly these headers (and the credentials): a made-up {@code Host}, say. */
	public ApiResponse raw(String method, String path, Map<String, String> headers) {
		URI uri = URI.create(this.base + path);
		try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
			socket.setSoTimeout(30_000);
			StringBuilder request = new StringBuilder(method + " " + uri.getRawPath()
					+ ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "") + " HTTP/1.1\r\n");
			headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
			if (this.authorization != null) {
				request.append("Authorization: ").append(this.authorization).append("\r\n");
			}
			request.append("Connection: close\r\n\r\n");
			socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			int headersEnd = answer.indexOf("\r\n\r\n");
			String[] head = answer.substring(0, headersEnd).split("\r\n");
			Map<String, List<String>> answered = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			for (int i = 1; i < head.length; i++) {
				int colon = head[i].indexOf(':');
				answered.computeIfAbsent(head[i].substring(0, colon).strip(), name -> new java.util.ArrayList<>())
					.add(head[i].substring(colon + 1).strip());
			}
			String body = answer.substring(headersEnd + 4);
			if (answered.getOrDefault("Transfer-Encoding", List.of()).contains("chunked")) {
				body = unchunk(body);
			}
			return new ApiResponse(Integer.parseInt(head[0].split(" ")[1]), body.getBytes(StandardCharsets.UTF_8),
					java.net.http.HttpHeaders.of(answered, (name, value) -> true));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String unchunk(String chunked) {
		StringBuilder body = new StringBuilder();
		int at = 0;
		while (true) {
			int lineEnd = chunked.indexOf("\r\n", at);
			int size = Integer.parseInt(chunked.substring(at, lineEnd).strip(), 16);
			if (size == 0) {
				return body.toString();
			}
			body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
			at = lineEnd + 2 + size + 2;
		}
	}

	/** A request whose body is streamed without a declared length: {@code Transfer-Encoding: chunked}. */
	public ApiResponse chunked(String method, String path, Map<String, String> headers, byte[] body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(60))
			.method(method, HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)));
		headers.forEach(request::header);
		if (this.authorization != null) {
			request.header("Authorization", this.authorization);
		}
		return execute(request);
	}

	private ApiResponse send(String method, String path, String contentType, byte[] body, String header,
			String value) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(60))
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofByteArray(body)
					: HttpRequest.BodyPublishers.noBody());
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		if (header != null) {
			request.header(header, value);
		}
		if (this.authorization != null) {
			request.header("Authorization", this.authorization);
		}
		return execute(request);
	}

	private static ApiResponse execute(HttpRequest.Builder request) {
		try {
			HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			return new ApiResponse(response.statusCode(), response.body(), response.headers());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A multipart/form-data upload with the file in the part {@code fieldName}. */
	public ApiResponse upload(String path, String fieldName, String fileName, byte[] content) {
		String boundary = "----billing" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fieldName + "\"; filename=\""
				+ fileName + "\"\r\nContent-Type: text/csv\r\n\r\n";
		body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
		body.writeBytes(content);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return send("POST", path, "multipart/form-data; boundary=" + boundary, body.toByteArray());
	}

	private static String json(Object body) {
		return (body instanceof String text) ? text : JSON.writeValueAsString(body);
	}


	/**
	 * Signs in with the console's form, as a browser does, and returns its session cookie
	 * ({@code ss-id=…}) for a {@code Cookie} header.
	 */
	public String consoleSession(String user, String password) {
		ApiResponse signedIn = exchange("POST", "/console/login",
				Map.of("Content-Type", "application/x-www-form-urlencoded"),
				("userName=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
						+ URLEncoder.encode(password, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
		if (signedIn.status() != 302) {
			throw new AssertionError("sign-in of " + user + " answered " + signedIn.status() + " " + signedIn.body());
		}
		return signedIn.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter(cookie -> cookie.startsWith("ss-id="))
			.map(cookie -> cookie.substring(0, cookie.indexOf(';')))
			.findFirst()
			.orElseThrow();
	}

}
