package org.billingreports.notifications;

import java.net.InetAddress;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The plain rules of delivery: backoff, signatures, which addresses are internal. */
class DeliveryRulesTest {

	@Test
	void backoffDoublesUpToTheMaximumWithJitter() {
		var backOff = NotificationDispatcher.backOff(Duration.ofSeconds(30), Duration.ofMinutes(10));
		long[] expected = { 30_000, 60_000, 120_000, 240_000, 480_000, 600_000, 600_000 };
		for (int round = 0; round < 20; round++) {
			for (int failures = 1; failures <= expected.length; failures++) {
				long delay = NotificationDispatcher.delayAfter(backOff, failures).toMillis();
				long nominal = expected[failures - 1];
				assertThat(delay).as("after %d failures", failures)
					.isBetween(Math.max(30_000, Math.round(nominal * 0.8)), Math.min(600_000, Math.round(nominal * 1.2)));
			}
		}
		assertThat(NotificationDispatcher.delayAfter(backOff, 1000).toMillis()).isBetween(480_000L, 600_000L);
	}

	@Test
	void theSignatureIsHmacSha256OfTimestampDotBody() {
		// Computed independently: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 'whsec_test'
		assertThat(WebhookSignature.header("whsec_test", 1700000000L, "{\"a\":1}".getBytes(StandardCharsets.UTF_8)))
			.isEqualTo("t=1700000000,v1=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789");
	}

	@ParameterizedTest(name = "{0} internal: {1}")
	@CsvSource({ "127.0.0.1,true", "10.1.2.3,true", "172.16.0.1,true", "192.168.0.10,true", "169.254.169.254,true",
			"0.0.0.0,true", "100.64.1.1,true", "::1,true", "fe80::1,true", "fd00::1,true", "224.0.0.1,true",
			"8.8.8.8,false", "93.184.216.34,false", "2606:4700::1111,false" })
	void internalAddresses(String address, boolean internal) throws Exception {
		assertThat(WebhookAddressPolicy.isInternal(InetAddress.getByName(address))).isEqualTo(internal);
	}

	/** Each spelling of an internal address is refused when the URL is given, before anything calls it. */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = { "http://localhost./hook", "http://LOCALHOST/hook", "http://api.localhost/hook",
			"http://0177.0.0.1/hook", "http://0x7f.0.0.1/hook", "http://0x7f000001/hook", "http://2130706433/hook",
			"http://127.1/hook", "http://017700000001/hook", "http://[::ffff:127.0.0.1]/hook", "http://[::ffff:7f00:1]/hook",
			"http://[::127.0.0.1]/hook", "http://[::a9fe:a9fe]/hook", "http://[64:ff9b::10.0.0.1]/hook",
			"http://[fe80::1%25eth0]/hook", "http://[::1]:8080/hook", "http://169.254.169.254/latest/meta-data" })
	void internalAddressesInEverySpellingAreRefused(String url) {
		assertThat(policy().problem(url, true)).as(url).isNotNull();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "https://93.184.216.34/hook", "https://[2606:4700::1111]/hook", "https://hooks.example.invalid/x" })
	void publicAddressesAndUnresolvedNamesPass(String url) {
		assertThat(policy().problem(url, true)).as(url).isNull();
	}

	private static WebhookAddressPolicy policy() {
		return new WebhookAddressPolicy(new NotificationProperties("billing@localhost", null, Duration.ofSeconds(5),
				Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofHours(24), 30,
				new NotificationProperties.Webhooks(Duration.ofSeconds(5), Duration.ofSeconds(10), 4096, List.of())));
	}

}
