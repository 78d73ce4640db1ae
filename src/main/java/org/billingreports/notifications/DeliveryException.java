package org.billingreports.notifications;

/** An attempt to deliver a notification failed; it will be retried, or given up. */
class DeliveryException extends Exception {

	DeliveryException(String message) {
		super(message);
	}

	DeliveryException(String message, Throwable cause) {
		super(message, cause);
	}

}
