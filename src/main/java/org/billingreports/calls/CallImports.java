package org.billingreports.calls;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

import org.billingreports.accounts.AccountAccess;
import org.billingreports.security.Caller;

/**
 * What other capabilities do with imports: import a file from disk (the command line, a watched folder),
 * follow and resume one (recovery, the folder).
 */
@Component
public class CallImports {

	private final CallImportService imports;

	private final CallImportRepository repository;

	private final AccountAccess accounts;

	CallImports(CallImportService imports, CallImportRepository repository, AccountAccess accounts) {
		this.imports = imports;
		this.repository = repository;
		this.accounts = accounts;
	}

	/** The node that runs (or ran) the import. */
	public Optional<String> nodeOf(String importId) {
		return this.repository.nodeOf(importId);
	}

	/** Runs a recovered import again, on this node, after its last committed chunk. */
	public void resume(String importId, JobExecution recovered) throws Exception {
		this.imports.resume(importId, recovered);
	}

	/** Waits for the import to end, however large the file. */
	public ImportInfo importFile(Path file, String accountId, String format, String timeZoneId,
			String defaultCustomerId, String onDuplicate, Caller caller) throws Exception {
		CallImportService.Started started = this.imports.importCalls(new CallImportService.ImportRequest(accountId,
				format, timeZoneId, file.getFileName().toString(), defaultCustomerId, onDuplicate),
				() -> Files.newInputStream(file), caller);
		return this.imports.awaitEnd(started.info(), caller);
	}

	/**
	 * Starts importing a file a switch left on disk, under an id the caller chose (and recorded first, so
	 * that it finds the import again after a restart); answers once the job is queued. As for legs a switch
	 * pushes, times are in the account's zone and a line that names no customer goes to the account's
	 * {@code defaultCustomerId}. The file is copied before the answer: it may be moved away then.
	 */
	public void start(String importId, Path file, String accountId, String format, Caller caller) throws Exception {
		String defaultCustomer = this.accounts.readable(accountId, caller).defaultCustomerId();
		this.imports.launch(importId, new CallImportService.ImportRequest(accountId, format, null,
				file.getFileName().toString(), defaultCustomer, null), () -> Files.newInputStream(file), caller);
	}

	/** The import, when one was recorded under this id. */
	public Optional<ImportInfo> find(String importId, Caller caller) {
		return this.repository.find(importId).map(found -> this.imports.find(importId, caller));
	}

	/** Whether the import refused its file for its rejected lines: running it again changes nothing. */
	public boolean refusedItsFile(String importId) {
		return this.imports.isRefused(importId);
	}

	/** Continues an import in Error after its last committed chunk ({@code POST /calls/imports/{id}/restart}). */
	public void restart(String importId, Caller caller) throws Exception {
		this.imports.restart(importId, caller);
	}

	/** The import's rejected lines, as {@code GET /calls/imports/{id}/rejections.csv} writes them. */
	public void writeRejections(String importId, Writer out, Caller caller) throws IOException {
		this.imports.rejections(importId, caller).writeTo(out);
	}

}
