package org.billingreports.calls;

import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.stereotype.Component;

import org.billingreports.security.Caller;

/** Imports a call-record file from disk, as the command line does. */
@Component
public class CallImports {

	private final CallImportService imports;

	CallImports(CallImportService imports) {
		this.imports = imports;
	}

	/** Waits for the import to end, however large the file. */
	public ImportInfo importFile(Path file, String accountId, String format, String timeZoneId,
			String defaultCustomerId, Caller caller) throws Exception {
		CallImportService.Started started = this.imports.importCalls(new CallImportService.ImportRequest(accountId, format,
				timeZoneId, file.getFileName().toString(), defaultCustomerId), () -> Files.newInputStream(file), caller);
		return this.imports.awaitEnd(started.info(), caller);
	}

}
