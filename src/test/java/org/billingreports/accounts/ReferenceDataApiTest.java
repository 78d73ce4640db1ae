package org.billingreports.accounts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

import org.billingreports.security.Role;
import org.billingreports.security.UserRepository;
import org.billingreports.support.Api;
import org.billingreports.support.ApiResponse;
import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingreports.support.Fixtures.item;
import static org.billingreports.support.Fixtures.ok;

/** Accounts, customers and phone numbers (the routes of {@code api.md}) in Evo's JSON shapes. */
class ReferenceDataApiTest extends ApiTestSupport {

	@Autowired
	UserRepository users;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Test
	void anAccountGetsDefaultsAndShowsAllNineItems() {
		String id = unique("ref");
		JsonNode created = ok(admin().post("/accounts", Map.of("id", id, "name", "  Acme  ")));
		assertThat(created.get("name").asString()).isEqualTo("Acme");
		assertThat(created.get("timeZoneId").asString()).isEqualTo("UTC");
		assertThat(created.get("currency").asString()).isEqualTo("USD");
		JsonNode settings = created.get("billingSettings");
		assertThat(settings.propertyNames()).containsExactly("base", "localNumbers", "tollFreeNumbers",
				"inboundVoiceCalls", "outboundVoiceCalls", "inboundFaxes", "outboundFaxes", "inboundSmsMessages",
				"outboundSmsMessages");
		assertThat(settings.get("inboundFaxes").toString())
			.isEqualTo("{\"baseCost\":0,\"rawUnitMultiplier\":0,\"unitCost\":0,\"allowance\":0}");
		// The generated webhook secret is shown once, in the answer that created it; reads show a hint.
		String secret = created.get("webhookSecret").asString();
		assertThat(secret).startsWith("whsec_").hasSizeGreaterThan(40);
		JsonNode read = ok(admin().get("/accounts/" + id));
		assertThat(read.has("webhookSecret")).isFalse();
		assertThat(read.get("webhookSecretHint").asString()).isEqualTo("…" + secret.substring(secret.length() - 4));
		assertThat(((ObjectNode) created.deepCopy()).without("webhookSecret"))
			.isEqualTo(read);
		assertThat(admin().get("/accounts").body()).doesNotContain(secret);
	}

	@Test
	void aWebhookSecretIsKeptUnlessANewOneIsGiven() {
		String id = unique("ref");
		JsonNode created = ok(admin().post("/accounts",
				Map.of("id", id, "name", "Signed", "webhookSecret", "my-own-secret-of-24-chars")));
		assertThat(created.get("webhookSecret").asString()).isEqualTo("my-own-secret-of-24-chars");
		JsonNode renamed = ok(admin().put("/accounts/" + id, Map.of("name", "Renamed")));
		assertThat(renamed.has("webhookSecret")).isFalse();
		assertThat(renamed.get("webhookSecretHint").asString()).isEqualTo("…hars");
		JsonNode rotated = ok(admin().put("/accounts/" + id, Map.of("name", "Renamed", "webhookSecret",
				"a-rotated-secret-1234")));
		assertThat(rotated.get("webhookSecret").asString()).isEqualTo("a-rotated-secret-1234");
		assertThat(ok(admin().get("/accounts/" + id)).get("webhookSecretHint").asString()).isEqualTo("…1234");
		assertField(admin().put("/accounts/" + id, Map.of("name", "x", "webhookSecret", "short")), "webhookSecret");
	}

	@Test
	void anAccountWithoutIdGetsOneAndAnExistingIdIsA409() {
		JsonNode created = ok(admin().post("/accounts", Map.of("name", "No id")));
		assertThat(created.get("id").asString()).isNotBlank();
		ApiResponse again = admin().post("/accounts", Map.of("id", created.get("id").asString(), "name", "Twice"));
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.json().get("responseStatus").get("errorCode").asString()).isEqualTo("AlreadyExists");
	}

	@Test
	void pricesKeepTheirDecimalsAndAreReplacedByPut() {
		String id = unique("ref");
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", id);
		body.put("name", "Priced");
		body.put("timeZoneId", "Europe/Berlin");
		body.put("currency", "EUR");
		body.put("billingSettings", Map.of("outboundVoiceCalls", item("1.50", "1.2", "0.0125", 100)));
		ok(admin().post("/accounts", body));
		JsonNode voice = ok(admin().get("/accounts/" + id)).get("billingSettings").get("outboundVoiceCalls");
		assertThat(voice.toString())
			.isEqualTo("{\"baseCost\":1.5,\"rawUnitMultiplier\":1.2,\"unitCost\":0.0125,\"allowance\":100}");
		body.put("name", "Renamed");
		body.put("billingSettings", Map.of("base", item("9.99", "0", "0", 0)));
		JsonNode updated = ok(admin().put("/accounts/" + id, body));
		assertThat(updated.get("name").asString()).isEqualTo("Renamed");
		assertThat(updated.get("billingSettings").get("base").get("baseCost").decimalValue()).isEqualByComparingTo("9.99");
		assertThat(updated.get("billingSettings").get("outboundVoiceCalls").get("unitCost").decimalValue()).isZero();
		assertThat(admin().put("/accounts/" + unique("none"), Map.of("name", "x")).status()).isEqualTo(404);
	}

	@Test
	void invalidAccountsAreA400NamingTheField() {
		assertField(admin().post("/accounts", Map.of("name", "x", "timeZoneId", "Mars/Olympus")), "timeZoneId");
		assertField(admin().post("/accounts", Map.of("name", "x", "currency", "DOLLARS")), "currency");
		assertField(admin().post("/accounts", Map.of("id", "has space", "name", "x")), "id");
		assertField(admin().post("/accounts", Map.of("name", "")), "name");
		assertField(admin().post("/accounts", Map.of("name", "x", "billingSettings",
				Map.of("base", Map.of("baseCost", -1)))), "billingSettings.base.baseCost");
		assertField(admin().post("/accounts", Map.of("name", "x", "billingSettings",
				Map.of("inboundFaxes", Map.of("allowance", 1.5)))), "allowance");
		assertField(admin().post("/accounts", Map.of("name", "x", "billingSettings",
				Map.of("inboundFaxes", Map.of("unitCost", "0.000000000001")))), "billingSettings.inboundFaxes.unitCost");
	}

	@Test
	void customersFormATreeWithinTheirAccount() {
		Fixtures fixtures = new Fixtures(admin());
		String account = unique("tree");
		String other = unique("tree");
		fixtures.account(account, "UTC", Map.of());
		fixtures.account(other, "UTC", Map.of());
		fixtures.customer(account + "-top", account, null, "Top", "100", null);
		JsonNode child = fixtures.customer(account + "-child", account, account + "-top", "child", null,
				Map.of("base", item("5", "0", "0", 0)));
		assertThat(child.get("overrideBillingSettings").asBoolean()).isTrue();
		assertThat(child.get("billingSettings").get("base").get("baseCost").asInt()).isEqualTo(5);
		fixtures.customer(account + "-grand", account, account + "-child", "Grand", null, null);
		fixtures.customer(other + "-x", other, null, "Elsewhere", null, null);

		JsonNode list = ok(admin().get("/customers?accountId=" + account));
		assertThat(list.get("customers").valueStream().map(c -> c.get("name").asString()).toList())
			.containsExactly("child", "Grand", "Top");

		// A parent must exist in the same account.
		assertField(admin().post("/customers", Map.of("accountId", account, "name", "Stray", "parentCustomerId",
				other + "-x")), "parentCustomerId");
		// The tree must stay a tree.
		ApiResponse cycle = admin().put("/customers/" + account + "-top",
				Map.of("accountId", account, "name", "Top", "parentCustomerId", account + "-grand"));
		assertField(cycle, "parentCustomerId");
		assertThat(cycle.json().get("responseStatus").get("errorCode").asString()).isEqualTo("Cycle");
		// A referenceId is unique within the account.
		assertThat(admin().post("/customers", Map.of("accountId", account, "name", "Copy", "referenceId", "100"))
			.status()).isEqualTo(409);
		// Moving a customer within the tree is fine.
		JsonNode moved = ok(admin().put("/customers/" + account + "-grand",
				Map.of("accountId", account, "name", "Grand", "parentCustomerId", account + "-top")));
		assertThat(moved.get("parentCustomerId").asString()).isEqualTo(account + "-top");
		assertThat(moved.has("billingSettings")).isFalse();
	}

	@Test
	void phoneNumbersAreAssignedOnceAndCanBeReleased() {
		Fixtures fixtures = new Fixtures(admin());
		String account = unique("num");
		fixtures.account(account, "UTC", Map.of());
		fixtures.customer(account + "-c", account, null, "C", null, null);
		String number = "+1555" + (1_000_000 + (int) (Math.random() * 8_000_000));
		Map<String, Object> body = Map.of("accountId", account, "customerId", account + "-c", "number", number);
		JsonNode created = ok(admin().post("/phone-numbers", body));
		assertThat(created.get("tollFree").asBoolean()).isFalse();
		assertThat(admin().post("/phone-numbers", body).status()).isEqualTo(409);
		assertField(admin().post("/phone-numbers",
				Map.of("accountId", account, "customerId", account + "-c", "number", "555-1234")), "number");
		assertField(admin().post("/phone-numbers",
				Map.of("accountId", account, "customerId", "nobody", "number", "+15550000001")), "customerId");
		assertThat(ok(admin().get("/phone-numbers?accountId=" + account)).get("phoneNumbers").size()).isOne();
		assertThat(admin().delete("/phone-numbers/" + number).status()).isEqualTo(204);
		assertThat(admin().delete("/phone-numbers/" + number).status()).isEqualTo(404);
		assertThat(ok(admin().get("/phone-numbers?accountId=" + account)).get("phoneNumbers").size()).isZero();
	}

	@Test
	void aManagerWorksInItsOwnAccountOnly() {
		Fixtures fixtures = new Fixtures(admin());
		String own = unique("mgr");
		String foreign = unique("mgr");
		fixtures.account(own, "UTC", Map.of());
		fixtures.account(foreign, "UTC", Map.of());
		String username = unique("manager");
		this.users.create(username, this.passwordEncoder.encode("manager-secret"), Role.Manager, own, null);
		Api manager = anonymous().as(username, "manager-secret");

		assertThat(manager.post("/customers", Map.of("accountId", own, "name", "Mine")).status()).isEqualTo(200);
		assertThat(manager.post("/customers", Map.of("accountId", foreign, "name", "Theirs")).status())
			.isEqualTo(403);
		assertThat(manager.post("/accounts", Map.of("name", "New")).status()).isEqualTo(403);
		assertThat(manager.get("/accounts/" + own).status()).isEqualTo(200);
		// Another tenant's account reads as if it did not exist.
		assertThat(manager.get("/accounts/" + foreign).status()).isEqualTo(404);
		assertThat(manager.get("/customers?accountId=" + foreign).status()).isEqualTo(404);
		assertThat(ok(manager.get("/accounts")).get("accounts").valueStream().map(a -> a.get("id").asString())
			.toList()).isEqualTo(List.of(own));
	}

	private static void assertField(ApiResponse response, String field) {
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.json().get("responseStatus").get("errors").get(0).get("fieldName").asString())
			.isEqualTo(field);
	}

}
