package org.billingreports.ingestion;

import java.nio.charset.StandardCharsets;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

/**
 * A message of the call queue as the service reads it: the account its header names, the format its other
 * header names, and the body. Nothing here refuses a message: {@link #refusal} says what stops it being read.
 */
record QueuedCall(String accountId, Format format, String formatName, String contentType, byte[] body) {

	/** What a message's body is, by its format header. */
	enum Format {

		FREESWITCH_JSON("freeswitch-json"), NATIVE("native");

		private final String header;

		Format(String header) {
			this.header = header;
		}

		static Format named(String name) {
			for (Format format : values()) {
				if (format.header.equalsIgnoreCase(name)) {
					return format;
				}
			}
			return null;
		}

	}

	/** The longest account id: a header longer than this names no account. */
	private static final int MAX_ACCOUNT_ID = 64;

	static QueuedCall of(Message message, CallQueueProperties settings) {
		MessageProperties properties = message.getMessageProperties();
		String account = header(properties, settings.accountHeader());
		String format = header(properties, settings.formatHeader());
		return new QueuedCall(account, (format != null) ? Format.named(format) : null, format,
				properties.getContentType(), message.getBody());
	}

	/**
	 * Why the message cannot be read at all, or {@code null} when it can.
	 * @param maxBytes the largest body taken
	 */
	String refusal(CallQueueProperties settings, long maxBytes) {
		if (this.accountId == null) {
			return "the message has no " + settings.accountHeader() + " header naming its account";
		}
		if (this.format == null) {
			return "the message's " + settings.formatHeader() + " header is "
					+ ((this.formatName == null) ? "missing" : "'" + this.formatName + "'")
					+ ": it must say freeswitch-json or native";
		}
		if (this.body.length > maxBytes) {
			return "the message is " + this.body.length + " bytes, more than the " + maxBytes + " a record may be";
		}
		return null;
	}

	/** The account its rejection is kept under: none (empty) when the header names no possible account. */
	String rejectionAccount() {
		return (this.accountId == null || this.accountId.length() > MAX_ACCOUNT_ID) ? "" : this.accountId;
	}

	/** Its {@code pushed_call_rejection.source}. */
	String source() {
		return (this.format == null) ? "amqp" : "amqp-" + this.format.header;
	}

	String text() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

	/** The body as FreeSWITCH would have posted it, in any of its encodings (by the content type). */
	PostedBody posted() {
		return PostedBody.of(this.body, this.contentType);
	}

	/** The call's id as far as the body can be read, for its rejection; {@code null} when it cannot be. */
	String callIdIfReadable() {
		if (this.format == null) {
			return null;
		}
		try {
			return switch (this.format) {
				case FREESWITCH_JSON -> JsonLeg.read(posted()).variable("uuid");
				case NATIVE -> NativeRecord.read(this.body).get("callId");
			};
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static String header(MessageProperties properties, String name) {
		Object value = properties.getHeader(name);
		String text = (value instanceof byte[] bytes) ? new String(bytes, StandardCharsets.UTF_8)
				: (value != null) ? value.toString() : null;
		return (text == null || text.isBlank()) ? null : text.strip();
	}

	@Override
	public String toString() {
		return ((this.format != null) ? "a " + this.format.header + " message" : "a message") + " of account "
				+ ((this.accountId != null) ? this.accountId : "(none)");
	}

}
