package org.billingreports.notifications;

/** A notification mail: subject, plain text and HTML. */
public record MailContent(String subject, String text, String html) {
}
