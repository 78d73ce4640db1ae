package org.billingreports.statement;

/** A billing file or workbook that could not be written (a full disk, say): the reason is its message. */
public class BillingFileException extends RuntimeException {

	BillingFileException(String message, Throwable cause) {
		super(message + ": " + cause.getMessage(), cause);
	}

}
