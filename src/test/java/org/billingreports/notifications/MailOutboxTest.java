package org.billingreports.notifications;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import org.billingreports.kernel.ServiceProperties;
import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.billingreports.support.Fixtures.ok;

/** Without an SMTP server (the embedded default) a notification mail is written to the outbox folder. */
class MailOutboxTest extends ApiTestSupport {

	@Autowired
	ServiceProperties service;

	@Test
	void aMailIsWrittenAsAnEmlFile() throws Exception {
		Fixtures fixtures = new Fixtures(admin());
		String account = unique("eml");
		fixtures.account(account, "UTC", Map.of("base", Fixtures.item("3", "0", "0", 0)));
		fixtures.customer(account + "-c", account, null, "Only", null, null);
		String to = unique("ops") + "@example.com";
		JsonNode report = fixtures.runReport(Map.of("accountId", account, "startDate", "2026-07-01", "endDate",
				"2026-07-31", "emailAddressToNotify", to));
		String reportId = report.get("id").asString();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
				ok(admin().get("/reports/" + reportId)).get("notifications").get(0).get("status").asString())
			.isEqualTo("delivered"));
		Path outbox = this.service.dataDir().resolve("mail-outbox");
		Path file;
		try (var files = Files.list(outbox)) {
			file = files.filter(candidate -> read(candidate).contains(reportId)).findFirst().orElseThrow();
		}
		assertThat(file.getFileName().toString()).endsWith(".eml");
		try (InputStream in = Files.newInputStream(file)) {
			MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()), in);
			assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(to);
			assertThat(mail.getSubject()).isEqualTo("Billing report " + report.get("name").asString() + ": Completed");
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
