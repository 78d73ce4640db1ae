package org.billingreports.calls;

import org.springframework.batch.core.listener.SkipListener;

/** Stores every skipped line with its line number and reason, in the chunk's transaction. */
class RejectionRecorder implements SkipListener<CsvLine, CallRecord> {

	private final CallImportRepository imports;

	private final String importId;

	RejectionRecorder(CallImportRepository imports, String importId) {
		this.imports = imports;
		this.importId = importId;
	}

	@Override
	public void onSkipInRead(Throwable cause) {
		RejectedLineException rejected = (RejectedLineException) cause;
		this.imports.reject(this.importId, rejected.lineNumber(), rejected.getMessage(), rejected.line());
	}

	@Override
	public void onSkipInProcess(CsvLine line, Throwable cause) {
		this.imports.reject(this.importId, line.lineNumber(), cause.getMessage(), line.text());
	}

}
