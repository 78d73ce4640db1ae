package org.billingreports.notifications;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import org.springframework.stereotype.Component;


/**
 * {@code POST}s a notification's payload to its webhook, signed. A 2xx answer is delivery; anything
 * else, a time-out or a refused connection is a failed attempt. Redirects are not followed, and at
 * most {@code max-response-bytes} of an answer are read.
 */
@Component
class WebhookSender {

	private final HttpClient client;

	private final NotificationProperties.Webhooks settings;

	private final WebhookAddressPolicy addresses;

	private final Clock clock;

	WebhookSender(NotificationProperties properties, WebhookAddressPolicy addresses, Clock clock) {
		this.settings = properties.webhooks();
		this.addresses = addresses;
		this.clock = clock;
		this.client = HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(this.settings.connectTimeout())
			.build();
	}

	void send(Notification notification, String secret) throws DeliveryException {
		String problem = this.addresses.problem(notification.target(), false);
		if (problem != null) {
			throw new DeliveryException("webhookUrl " + problem);
		}
		byte[] body = notification.payload().getBytes(StandardCharsets.UTF_8);
		long timestamp = this.clock.instant().getEpochSecond();
		HttpRequest request = HttpRequest.newBuilder(URI.create(notification.target()))
			.timeout(this.settings.readTimeout())
			.header("Content-Type", "application/json")
			.header("User-Agent", "billing-reports")
			.header("X-Billing-Event", notification.event())
			.header("X-Billing-Event-Id", notification.id())
			.header("X-Billing-Timestamp", String.valueOf(timestamp))
			.header(WebhookSignature.HEADER, WebhookSignature.header(secret, timestamp, body))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		HttpResponse<InputStream> response;
		try {
			response = this.client.send(request, HttpResponse.BodyHandlers.ofInputStream());
		}
		catch (HttpTimeoutException ex) {
			throw new DeliveryException("no answer within " + this.settings.readTimeout().toMillis() + " ms", ex);
		}
		catch (ConnectException ex) {
			throw new DeliveryException("connection refused", ex);
		}
		catch (IOException ex) {
			throw new DeliveryException("request failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DeliveryException("interrupted", ex);
		}
		String answer = head(response);
		if (response.statusCode() / 100 != 2) {
			throw new DeliveryException("HTTP " + response.statusCode() + (answer.isBlank() ? "" : ": " + answer));
		}
	}

	/** The start of the answer, for the error message; the rest is left unread. */
	private String head(HttpResponse<InputStream> response) {
		try (InputStream body = response.body()) {
			String text = new String(body.readNBytes(this.settings.maxResponseBytes()), StandardCharsets.UTF_8);
			return (text.length() > 200) ? text.substring(0, 200) + "…" : text.strip();
		}
		catch (IOException ex) {
			return "";
		}
	}

}
