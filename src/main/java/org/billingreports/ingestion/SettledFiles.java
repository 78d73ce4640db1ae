package org.billingreports.ingestion;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.integration.file.filters.FileListFilter;

/**
 * Passes a file of the inbox once it has stopped growing: its size and modification time unchanged for the
 * settle time. The time is this node's clock, never the file's own: the folder may be another machine's, with
 * another clock. Only regular files at {@code <inbox>/<account>/<format>/<file>} are ever passed, never a hidden
 * one (a writer's temporary name) nor anything in {@code done/} or {@code failed/}; each is passed once while it
 * stays as it is, again only once it changes (then it is another file) or {@link #retry} says so. An empty file
 * is never passed.
 */
class SettledFiles implements FileListFilter<File> {

	/** A file as this node last saw it, since when it has looked so, and whether it was passed. */
	private record Seen(long size, long modified, Instant since, boolean passed) {
	}

	private final Path inbox;

	private final Duration settleTime;

	private final Clock clock;

	private final Map<Path, Seen> seen = new ConcurrentHashMap<>();

	SettledFiles(Path inbox, Duration settleTime, Clock clock) {
		this.inbox = inbox;
		this.settleTime = settleTime;
		this.clock = clock;
	}

	/** Given every entry of the folder at each poll: it forgets the files that are gone. */
	@Override
	public List<File> filterFiles(File[] files) {
		Instant now = this.clock.instant();
		Set<Path> listed = new HashSet<>();
		List<File> settled = new ArrayList<>();
		for (File file : files) {
			Path path = file.toPath();
			BasicFileAttributes attributes = isInboxFile(path) ? attributes(path) : null;
			if (attributes == null || !attributes.isRegularFile()) {
				continue;
			}
			listed.add(path);
			Seen before = this.seen.get(path);
			long modified = attributes.lastModifiedTime().toMillis();
			Seen current = (before != null && before.size() == attributes.size() && before.modified() == modified)
					? before : new Seen(attributes.size(), modified, now, false);
			// An empty file is nothing to import yet: a switch's fresh Master.csv stays so until its first call.
			if (!current.passed() && current.size() > 0 && !current.since().plus(this.settleTime).isAfter(now)) {
				settled.add(file);
				current = new Seen(current.size(), current.modified(), current.since(), true);
			}
			this.seen.put(path, current);
		}
		this.seen.keySet().retainAll(listed);
		return settled;
	}

	/** The file is to be passed again once it has settled anew: taking it failed for a reason that may pass. */
	void retry(Path file) {
		this.seen.remove(file);
	}

	/** The size this node last saw the file at, while it waits for it to settle or after it passed it. */
	Optional<Long> sizeSeen(Path file) {
		return Optional.ofNullable(this.seen.get(file)).map(Seen::size);
	}

	private boolean isInboxFile(Path path) {
		Path relative = this.inbox.relativize(path);
		if (relative.getNameCount() != 3) {
			return false;
		}
		for (Path name : relative) {
			if (name.toString().startsWith(".")) {
				return false;
			}
		}
		return true;
	}

	/** The file's attributes, or {@code null} when it went away since it was listed. */
	private static BasicFileAttributes attributes(Path path) {
		try {
			return Files.readAttributes(path, BasicFileAttributes.class);
		}
		catch (IOException ex) {
			return null;
		}
	}

}
