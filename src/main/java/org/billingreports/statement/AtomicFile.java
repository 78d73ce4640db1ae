package org.billingreports.statement;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes a file under a temporary name beside it, forces it to the disk and moves it into place in
 * one step: a reader sees the whole file or none, never half of one, whatever fails half-way (a full
 * disk, a killed process). Several writers of one file at once each write their own temporary file.
 */
final class AtomicFile {

	/** Writes the content to an output stream; may throw what writing throws. */
	@FunctionalInterface
	interface Content {

		void writeTo(OutputStream out) throws IOException;

	}

	private AtomicFile() {
	}

	static void write(Path target, Content content) throws IOException {
		Files.createDirectories(target.getParent());
		Path temporary = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + ".tmp");
		try {
			try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
					StandardOpenOption.WRITE); OutputStream out = Channels.newOutputStream(channel)) {
				content.writeTo(out);
				out.flush();
				channel.force(true);
			}
			Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

}
