package org.billingreports.notifications;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import org.billingreports.kernel.ServiceProperties;


/**
 * Sends notification mails through the SMTP server of the standard {@code spring.mail.*} settings.
 * Without one (the embedded default) each mail is written as an {@code .eml} file to the mail
 * outbox folder and logged, so that a demo shows what would have been sent.
 */
@Component
class EmailSender {

	private static final Logger log = LoggerFactory.getLogger(EmailSender.class);

	private final JavaMailSender mailSender;

	private final String from;

	private final Path outbox;

	EmailSender(ObjectProvider<JavaMailSender> mailSender, NotificationProperties properties,
			ServiceProperties service) {
		this.mailSender = mailSender.getIfAvailable();
		this.from = properties.mailFrom();
		this.outbox = properties.mailOutboxDir(service.dataDir());
	}

	void send(Notification notification, MailContent content) throws DeliveryException {
		try {
			MimeMessage message = (this.mailSender != null) ? this.mailSender.createMimeMessage()
					: new MimeMessage(Session.getInstance(new Properties()));
			MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
			helper.setFrom(this.from);
			helper.setTo(notification.target());
			helper.setSubject(content.subject());
			helper.setText(content.text(), content.html());
			// Mail has no delivery receipt to drop a repeat by; the event id lets a reader's filter do it.
			message.setHeader("X-Billing-Event-Id", notification.id());
			if (this.mailSender != null) {
				this.mailSender.send(message);
			}
			else {
				writeToOutbox(notification, message);
			}
		}
		catch (MessagingException | MailException | IOException ex) {
			throw new DeliveryException("mail to " + notification.target() + " failed: " + ex.getMessage(), ex);
		}
	}

	private void writeToOutbox(Notification notification, MimeMessage message) throws IOException,
			MessagingException {
		Files.createDirectories(this.outbox);
		Path file = this.outbox.resolve(notification.id() + ".eml");
		Path temporary = this.outbox.resolve(notification.id() + ".eml.tmp");
		try (OutputStream out = Files.newOutputStream(temporary)) {
			message.writeTo(out);
		}
		Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		log.info("No SMTP server configured (spring.mail.host): mail to {} written to {}", notification.target(),
				file);
	}

}
