package org.billingreports.report;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.billingreports.support.ApiResponse;
import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code billing.base-url}, a download link is built from the request's host only when that
 * host is one of {@code billing.allowed-hosts}: a made-up {@code Host} header gets a link on
 * localhost, never a valid token on another host.
 */
class LinksTest extends ApiTestSupport {

	@Test
	void aMadeUpHostNeverMakesALink() {
		String account = unique("links");
		Fixtures fixtures = new Fixtures(admin());
		fixtures.account(account, "UTC", Map.of("base", Fixtures.item("1", "0", "0", 0)));
		fixtures.customer(account + "-c", account, null, "C", null, null);
		String id = fixtures.runReport(Map.of("accountId", account, "startDate", "2026-07-01", "endDate", "2026-07-31"))
			.get("id").asString();

		ApiResponse evil = admin().raw("GET", "/reports/" + id, Map.of("Host", "evil.example", "Accept", "application/json"));
		assertThat(evil.status()).as(evil.body()).isEqualTo(200);
		assertThat(evil.json().get("downloadLink").asString()).startsWith("http://localhost:" + this.port + "/reports/");

		ApiResponse local = admin().raw("GET", "/reports/" + id,
				Map.of("Host", "127.0.0.1:" + this.port, "Accept", "application/json"));
		JsonNode report = local.json();
		assertThat(report.get("downloadLink").asString()).startsWith("http://127.0.0.1:" + this.port + "/reports/");
		assertThat(anonymous().get(report.get("downloadLink").asString().substring(("http://127.0.0.1:" + this.port).length()))
			.status()).isEqualTo(200);
	}

}
