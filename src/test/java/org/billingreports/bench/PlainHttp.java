package org.billingreports.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One kept-alive HTTP/1.1 connection that posts and reads the status of each answer, as curl in a switch
 * does: far less work per request than {@code java.net.http}, so that the bench's own client leaves the
 * machine's two cores to the service it measures. Reconnects when the service closes the connection.
 */
final class PlainHttp implements AutoCloseable {

	private final String host;

	private final int port;

	private Socket socket;

	private OutputStream out;

	private InputStream in;

	PlainHttp(String host, int port) {
		this.host = host;
		this.port = port;
	}

	/** @return the answer's status code */
	int post(String path, String authorization, String contentType, byte[] body) throws IOException {
		byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + this.host + ":" + this.port + "\r\nAuthorization: "
				+ authorization + "\r\nContent-Type: " + contentType + "\r\nUser-Agent: freeswitch-json/1.0\r\n"
				+ "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
		for (int attempt = 0;; attempt++) {
			try {
				connect();
				this.out.write(head);
				this.out.write(body);
				this.out.flush();
				return readAnswer();
			}
			catch (IOException closed) {
				close();
				if (attempt > 0) {
					throw closed;
				}
			}
		}
	}

	private void connect() throws IOException {
		if (this.socket == null) {
			this.socket = new Socket(this.host, this.port);
			this.socket.setTcpNoDelay(true);
			this.out = this.socket.getOutputStream();
			this.in = new BufferedInputStream(this.socket.getInputStream());
		}
	}

	/** The status, the headers and the body (by Content-Length, or chunks) of one answer. */
	private int readAnswer() throws IOException {
		String status = line();
		long length = -1;
		boolean chunked = false;
		boolean closing = false;
		for (String header = line(); !header.isEmpty(); header = line()) {
			String name = header.substring(0, Math.max(0, header.indexOf(':'))).strip().toLowerCase();
			String value = header.substring(header.indexOf(':') + 1).strip();
			switch (name) {
				case "content-length" -> length = Long.parseLong(value);
				case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
				case "connection" -> closing = value.equalsIgnoreCase("close");
				default -> {
				}
			}
		}
		if (chunked) {
			for (long size = Long.parseLong(line().split(";")[0].strip(), 16); size > 0;
					size = Long.parseLong(line().split(";")[0].strip(), 16)) {
				skip(size);
				line();
			}
			line();
		}
		else if (length > 0) {
			skip(length);
		}
		if (closing) {
			close();
		}
		return Integer.parseInt(status.split(" ")[1]);
	}

	private void skip(long bytes) throws IOException {
		this.in.skipNBytes(bytes);
	}

	private String line() throws IOException {
		StringBuilder line = new StringBuilder();
		for (int b = this.in.read(); b != '\n'; b = this.in.read()) {
			if (b < 0) {
				throw new IOException("the connection closed");
			}
			if (b != '\r') {
				line.append((char) b);
			}
		}
		return line.toString();
	}

	@Override
	public void close() {
		if (this.socket != null) {
			try {
				this.socket.close();
			}
			catch (IOException ignored) {
				// closing anyway
			}
			this.socket = null;
		}
	}

}
