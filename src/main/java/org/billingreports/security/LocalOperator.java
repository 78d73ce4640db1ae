package org.billingreports.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import org.billingreports.kernel.ServiceProperties;

/**
 * Lets the command line on this machine read through the running service instead of starting one of
 * its own (seconds saved on every {@code status}): while the server listens, {@value #FILE} in the
 * data folder, readable by its owner only, names the service's address, its database and a token
 * made anew at each start. The token authenticates as an operator for reading only ({@code GET},
 * {@code HEAD}): whoever can read the data folder can read its database file anyway. The file is
 * removed when the service stops.
 */
@Component
public class LocalOperator {

	/** The file in the data folder. */
	public static final String FILE = "service.properties";

	private static final Logger log = LoggerFactory.getLogger(LocalOperator.class);

	private final Path file;

	private final String database;

	private final String token;

	LocalOperator(ServiceProperties service, DataSourceProperties dataSource) {
		this.file = service.dataDir().resolve(FILE);
		this.database = dataSource.determineUrl();
		this.token = Secrets.random(32);
	}

	/** Whether a request with this bearer token and method is the command line's. */
	boolean authenticates(String presented, String method) {
		return ("GET".equals(method) || "HEAD".equals(method)) && MessageDigest
			.isEqual(this.token.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
	}

	@EventListener
	void listening(WebServerInitializedEvent event) {
		if (event.getApplicationContext().getParent() != null) {
			return; // a management or child context: not the API's server
		}
		Properties properties = new Properties();
		properties.setProperty("url", "http://127.0.0.1:" + event.getWebServer().getPort());
		properties.setProperty("database", this.database);
		properties.setProperty("token", this.token);
		try {
			Files.createDirectories(this.file.getParent());
			Path temporary = Files.createTempFile(this.file.getParent(), ".service", ".tmp");
			try {
				ownerOnly(temporary);
				try (var out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
					properties.store(out, "The running service, for the command line; removed when it stops");
				}
				move(temporary);
			}
			finally {
				Files.deleteIfExists(temporary);
			}
		}
		catch (IOException | UncheckedIOException ex) {
			log.warn("Could not write {} (the command line will start on its own): {}", this.file, ex.toString());
		}
	}

	@EventListener(ContextClosedEvent.class)
	void stopped() {
		try {
			Properties written = new Properties();
			try (var in = Files.newBufferedReader(this.file, StandardCharsets.UTF_8)) {
				written.load(in);
			}
			// Another service on the same folder may have written it since.
			if (this.token.equals(written.getProperty("token"))) {
				Files.deleteIfExists(this.file);
			}
		}
		catch (IOException ex) {
			// Not there, or not readable: nothing of ours to remove.
		}
	}

	private static void ownerOnly(Path path) throws IOException {
		try {
			Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException notPosix) {
			// Windows: the data folder's own permissions apply.
		}
	}

	private void move(Path temporary) throws IOException {
		try {
			Files.move(temporary, this.file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(temporary, this.file, StandardCopyOption.REPLACE_EXISTING);
		}
	}

}
