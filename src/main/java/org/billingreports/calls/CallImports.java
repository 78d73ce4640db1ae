package org.billingreports.calls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

import org.billingreports.security.Caller;

/** What other capabilities do with imports: import a file from disk (the command line), resume one (recovery). */
@Component
public class CallImports {

	private final CallImportService imports;

	private final CallImportRepository repository;

	CallImports(CallImportService imports, CallImportRepository repository) {
		this.imports = imports;
		this.repository = repository;
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

}
