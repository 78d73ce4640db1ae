package org.billingreports.ingestion;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where a file of the inbox goes once its import has ended: {@code done/} or {@code failed/} in its own folder,
 * with what an operator needs beside it ({@code <file>.rejections.csv}, {@code <file>.reason.txt}). Each is
 * written under a temporary name and moved into place, so nothing half-written is ever seen there.
 */
final class FiledAway {

	/** Writes what goes beside a filed file. */
	@FunctionalInterface
	interface Content {

		void writeTo(Writer out) throws IOException;

	}

	private FiledAway() {
	}

	/**
	 * Where the file goes in {@code folder} ({@code done}, {@code failed}): under its own name, or, when an
	 * earlier file of that name is there, its name followed by its import's id.
	 */
	static Path target(Path file, String folder, String importId) throws IOException {
		Path directory = Files.createDirectories(file.resolveSibling(folder));
		Path target = directory.resolve(file.getFileName());
		return Files.exists(target) ? directory.resolve(file.getFileName() + "." + importId) : target;
	}

	/** Writes {@code <target><suffix>}, whole. */
	static void writeBeside(Path target, String suffix, Content content) throws IOException {
		Path written = target.resolveSibling(target.getFileName() + suffix);
		Path partial = target.resolveSibling("." + written.getFileName() + ".partial");
		try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
			content.writeTo(out);
		}
		move(partial, written);
	}

	/** Renamed within one file system, so that the file is seen at one place or the other, never at both. */
	static void move(Path file, Path target) throws IOException {
		try {
			Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

}
