package org.billingreports.ingestion;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.billingreports.batch.ExecutionStatus;
import org.billingreports.calls.CallImports;
import org.billingreports.calls.ImportInfo;
import org.billingreports.kernel.ApiException;
import org.billingreports.security.Caller;
import org.billingreports.security.Role;

/**
 * The watched folder: a switch file that stopped growing in {@code <inbox>/<accountId>/<format>/} is claimed by
 * one node ({@link InboxClaims}) and imported as an upload is; once its import has ended the file goes to
 * {@code done/} or, refused, to {@code failed/}. The node that claimed a file follows its import to the end,
 * across its own restarts: its data folder holds the copy being imported.
 */
class Inbox {

	private static final Logger log = LoggerFactory.getLogger(Inbox.class);

	private final Path root;

	private final InboxClaims claims;

	private final CallImports imports;

	private final SettledFiles settled;

	private final Clock clock;

	private final String node;

	/**
	 * This run of the node. An import in Error that an earlier run started was stopped with that run (killed or
	 * stopped at a chunk boundary): it is resumed once; one that failed in this run waits for an operator.
	 */
	private final String runId = UUID.randomUUID().toString();

	/** Claims whose import is in Error and has been said so in the log, once each. */
	private final Set<Long> reported = ConcurrentHashMap.newKeySet();

	Inbox(Path root, InboxClaims claims, CallImports imports, SettledFiles settled, Clock clock, String node) {
		this.root = root;
		this.claims = claims;
		this.imports = imports;
		this.settled = settled;
		this.clock = clock;
		this.node = node;
	}

	/** A file that stopped growing: this node claims it, unless another did first, and starts its import. */
	void take(Path file) {
		Optional<InboxClaims.Claim> claim;
		try {
			claim = this.claims.claim(InboxClaims.Identity.of(this.root, file), UUID.randomUUID().toString(),
					this.node, this.runId, this.clock.instant());
		}
		catch (NoSuchFileException ex) {
			// Moved away since it was listed: nothing to take.
			return;
		}
		catch (IOException | RuntimeException ex) {
			this.settled.retry(file);
			log.warn("Could not claim {}; tried again once it has settled again: {}", file, ex.toString());
			return;
		}
		if (claim.isPresent()) {
			log.info("Took {} as import {}", file, claim.get().importId());
			try {
				start(claim.get());
			}
			catch (Exception ex) {
				log.warn("Could not start importing {}; tried again at the next poll: {}", file, ex.toString());
			}
		}
	}

	/** The files this node claimed and has not filed away yet. */
	List<InboxClaims.Claim> unfinished() {
		try {
			return this.claims.unfinished(this.node);
		}
		catch (RuntimeException ex) {
			log.warn("Could not read the inbox's claims; read again at the next poll: {}", ex.toString());
			return List.of();
		}
	}

	/** Starts, resumes or files away each file as its import stands. */
	void followUp(List<InboxClaims.Claim> unfinished) {
		for (InboxClaims.Claim claim : unfinished) {
			try {
				followUp(claim);
			}
			catch (Exception ex) {
				log.warn("Could not follow {} (import {}); tried again at the next poll: {}",
						claim.file().in(this.root), claim.importId(), ex.toString());
			}
		}
	}

	private void followUp(InboxClaims.Claim claim) throws Exception {
		Optional<ImportInfo> info = this.imports.find(claim.importId(), caller(claim));
		if (info.isEmpty()) {
			// Claimed by a run that stopped before it recorded the import, or a start that may pass next time.
			start(claim);
		}
		else if (info.get().status() == ExecutionStatus.Completed) {
			fileAway(claim, "done", info.get(), null);
		}
		else if (info.get().status() == ExecutionStatus.Error) {
			afterError(claim, info.get());
		}
	}

	private void afterError(InboxClaims.Claim claim, ImportInfo info) throws Exception {
		if (this.imports.refusedItsFile(claim.importId())) {
			fileAway(claim, "failed", info, info.statusMessage());
		}
		else if (info.jobId() == null) {
			// Recorded, but its job was never queued (the database went away in between): import the file anew.
			InboxClaims.Claim anew = new InboxClaims.Claim(claim.id(), claim.file(), UUID.randomUUID().toString(),
					this.runId);
			this.claims.follow(anew.id(), anew.importId(), anew.runId());
			start(anew);
		}
		else if (!claim.runId().equals(this.runId)) {
			resume(claim);
		}
		else if (this.reported.add(claim.id())) {
			log.warn("Import {} of {} is in Error ({}); the file stays until the import is restarted "
					+ "(POST /calls/imports/{}/restart) or this node starts again", claim.importId(),
					claim.file().in(this.root), info.statusMessage(), claim.importId());
		}
	}

	/** An import an earlier run of this node left in Error: it continues after its last committed chunk. */
	private void resume(InboxClaims.Claim claim) throws Exception {
		try {
			this.imports.restart(claim.importId(), caller(claim));
		}
		catch (ApiException ex) {
			// Restarted meanwhile (billing.recovery.auto-restart), or no longer restartable (its copy is gone).
			ImportInfo now = this.imports.find(claim.importId(), caller(claim)).orElseThrow();
			if (now.status() == ExecutionStatus.Error) {
				fileAway(claim, "failed", now, ex.getMessage());
			}
			return;
		}
		this.claims.follow(claim.id(), claim.importId(), this.runId);
		log.info("Resumed import {} of {}, stopped with an earlier run of this node", claim.importId(),
				claim.file().in(this.root));
	}

	/** Copies the file and queues its import; a file the import refuses at once (no account, no records) fails. */
	private void start(InboxClaims.Claim claim) throws Exception {
		Path file = claim.file().in(this.root);
		if (!claim.file().isAt(this.root)) {
			this.claims.finish(claim.id(), "gone", "The file left the folder, or changed, before it was imported",
					this.clock.instant());
			return;
		}
		try {
			this.imports.start(claim.importId(), file, claim.file().accountId(), claim.file().format(), caller(claim));
		}
		catch (ApiException ex) {
			if (!ex.status().is4xxClientError()) {
				throw ex;
			}
			fileAway(claim, "failed", null, ex.getMessage());
		}
	}

	/**
	 * Moves the file to {@code done/} or {@code failed/}, its rejected lines beside it (as
	 * {@code GET /calls/imports/{id}/rejections.csv} gives them) and, when it failed, why. A file that is no
	 * longer the one claimed (gone, or replaced by another of its name) stays where it is.
	 */
	private void fileAway(InboxClaims.Claim claim, String folder, ImportInfo info, String reason) throws IOException {
		Path file = claim.file().in(this.root);
		if (claim.file().isAt(this.root)) {
			Path target = FiledAway.target(file, folder, claim.importId());
			if (info != null && info.rejected() > 0) {
				FiledAway.writeBeside(target, ".rejections.csv",
						out -> this.imports.writeRejections(claim.importId(), out, caller(claim)));
			}
			if (reason != null) {
				FiledAway.writeBeside(target, ".reason.txt", out -> out.write(reason + "\n"));
			}
			FiledAway.move(file, target);
			log.info("Filed {} away as {}: {}", file, target, (info != null) ? info.statusMessage() : reason);
		}
		this.claims.finish(claim.id(), folder, reason, this.clock.instant());
	}

	/** The folder acts for its account only, as one of its Managers would. */
	private static Caller caller(InboxClaims.Claim claim) {
		return new Caller(null, "inbox", null, Role.Manager, claim.file().accountId(), null);
	}

}
