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

	public ImportInfo importFile(Path file, String accountId, String format, String timeZoneId, Caller caller)
			throws Exception {
		return this.imports.importCalls(new CallImportService.ImportRequest(accountId, format, timeZoneId,
				file.getFileName().toString()), () -> Files.newInputStream(file), caller);
	}

}
