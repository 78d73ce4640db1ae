package org.billingreports.billingjob;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import org.billingreports.rating.BillingLine;

/**
 * Writes a billing file (SPEC section 8) to a temporary file beside its target and moves it into
 * place atomically on {@link #commit()}: a reader sees the whole file or none, never half of one.
 */
final class BillingFileWriter implements Closeable {

	private final Path target;

	private final Path temporary;

	private final FileChannel channel;

	private final CSVPrinter printer;

	private final boolean includeCustomerIds;

	private boolean committed;

	BillingFileWriter(Path target, boolean includeCustomerIds) throws IOException {
		this.target = target;
		this.includeCustomerIds = includeCustomerIds;
		Files.createDirectories(target.getParent());
		// Several writers may make the same file at once (two requests for a file a node lacks).
		this.temporary = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + ".tmp");
		this.channel = FileChannel.open(this.temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING);
		BufferedWriter writer = new BufferedWriter(
				new OutputStreamWriter(Channels.newOutputStream(this.channel), StandardCharsets.UTF_8));
		this.printer = new CSVPrinter(writer, CSVFormat.RFC4180.builder()
			.setHeader(BillingFileColumns.header(includeCustomerIds).toArray(String[]::new))
			.get());
	}

	void write(String customerName, String customerId, BillingLine line) {
		List<Object> values = BillingFileColumns.values(customerName, customerId, line, this.includeCustomerIds);
		try {
			for (Object value : values) {
				this.printer.print((value instanceof BigDecimal decimal) ? decimal.toPlainString()
						: (value instanceof String text) ? SafeText.csv(text) : value);
			}
			this.printer.println();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Flushes to the disk and replaces the target in one step. */
	void commit() throws IOException {
		this.printer.flush();
		this.channel.force(true);
		this.printer.close();
		Files.move(this.temporary, this.target, StandardCopyOption.ATOMIC_MOVE,
				StandardCopyOption.REPLACE_EXISTING);
		this.committed = true;
	}

	@Override
	public void close() throws IOException {
		if (!this.committed) {
			this.printer.close();
			Files.deleteIfExists(this.temporary);
		}
	}

}
