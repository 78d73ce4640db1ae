package org.billingreports.ingestion;

/** A posted body that is no leg this service can read unambiguously: refused (422) and kept as a rejection. */
class UnreadableLegException extends RuntimeException {

	UnreadableLegException(String reason) {
		super(reason);
	}

}
