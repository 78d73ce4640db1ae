package org.billingreports.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback between the service and a server (PostgreSQL): it can cut every open
 * connection at once, and refuse new ones until told otherwise. A database outage aimed at a moment
 * of the test's choosing, without touching the shared server.
 */
public final class TcpProxy implements AutoCloseable {

	private final ServerSocket listener;

	private final InetSocketAddress target;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
		Thread thread = new Thread(runnable, "tcp-proxy");
		thread.setDaemon(true);
		return thread;
	});

	private final AtomicInteger accepted = new AtomicInteger();

	private volatile boolean refusing;

	private TcpProxy(String host, int port) throws IOException {
		this.target = new InetSocketAddress(host, port);
		this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.threads.execute(this::accept);
	}

	/** A proxy to {@code host:port}, listening on a free port of loopback. */
	public static TcpProxy to(String host, int port) throws IOException {
		return new TcpProxy(host, port);
	}

	public int port() {
		return this.listener.getLocalPort();
	}

	/** Connections accepted so far (refused ones included). */
	public int accepted() {
		return this.accepted.get();
	}

	/** Closes every open connection, both ways, as a network failure or a killed backend would. */
	public void cut() {
		for (Socket socket : this.open) {
			close(socket);
		}
	}

	/** The database is away: open connections are cut, new ones closed as soon as they come. */
	public void goAway() {
		this.refusing = true;
		cut();
	}

	/** The database is back: new connections go through again. */
	public void comeBack() {
		this.refusing = false;
	}

	private void accept() {
		while (!this.listener.isClosed()) {
			try {
				Socket client = this.listener.accept();
				this.accepted.incrementAndGet();
				if (this.refusing) {
					close(client);
					continue;
				}
				Socket server = new Socket();
				server.connect(this.target, 3000);
				this.open.add(client);
				this.open.add(server);
				this.threads.execute(() -> pump(client, server));
				this.threads.execute(() -> pump(server, client));
			}
			catch (IOException ex) {
				// The listener closed, or the target refused: the client sees a closed connection.
			}
		}
	}

	private void pump(Socket from, Socket to) {
		byte[] buffer = new byte[16 * 1024];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException ex) {
			// Cut: the other direction is closed below.
		}
		finally {
			close(from);
			close(to);
		}
	}

	private void close(Socket socket) {
		this.open.remove(socket);
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Already closed.
		}
	}

	@Override
	public void close() throws IOException {
		this.listener.close();
		cut();
		this.threads.shutdownNow();
	}

}
