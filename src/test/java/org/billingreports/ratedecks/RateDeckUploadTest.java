package org.billingreports.ratedecks;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.billingreports.support.Api;
import org.billingreports.support.ApiResponse;
import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingreports.support.Fixtures.ok;

/** {@code POST /rate-decks}: versions, line-numbered rejections that store nothing, reading a deck back. */
class RateDeckUploadTest extends ApiTestSupport {

	static final String HEADER = "prefix,description,connectFee,rate,rateUnitSeconds,firstIncrementSeconds,"
			+ "nextIncrementSeconds,minimumCharge,effectiveFrom,effectiveTo";

	private String account;

	@BeforeEach
	void setUp() {
		this.account = unique("deck");
		new Fixtures(admin()).account(this.account, "Europe/London", Map.of());
	}

	static ApiResponse upload(Api api, String query, String csv) {
		return api.send("POST", "/rate-decks?" + query, "text/csv", csv);
	}

	@Test
	void aDeckIsStoredAsAVersionAndReadBackInItsOwnFormat() {
		String csv = String.join("\n", HEADER,
				"44,United Kingdom,0,0.05,60,1,1,0,2026-01-01,",
				"+4420,London,0,0.02,60,30,6,0.01,2026-01-01,2026-07-01T00:00:00Z",
				"\"4477\",\"UK mobile, premium\",0.15,0.0125,60,60,60,0,2026-01-01,");
		JsonNode first = ok(upload(admin(), "accountId=" + this.account + "&name=Carrier+A&deckId=carrier-a-" + this.account,
				csv));
		assertThat(first.get("lines").asLong()).isEqualTo(3);
		assertThat(first.get("rates").asLong()).isEqualTo(3);
		assertThat(first.get("rejected").asLong()).isZero();
		JsonNode deck = first.get("deck");
		String id = deck.get("id").asString();
		assertThat(id).isEqualTo("carrier-a-" + this.account);
		assertThat(deck.get("name").asString()).isEqualTo("Carrier A");
		assertThat(deck.get("version").asInt()).isEqualTo(1);
		assertThat(deck.get("ratesPerItem").get("outboundVoiceCalls").asLong()).isEqualTo(3);

		// Read back: the same rates, the day as its start in the account's time zone (London is on GMT in January).
		String back = admin().get("/rate-decks/" + id + "/rates.csv").body();
		assertThat(back.lines().toList()).containsExactly(HEADER + ",item",
				"44,United Kingdom,0,0.05,60,1,1,0,2026-01-01T00:00:00Z,,outboundVoiceCalls",
				"4420,London,0,0.02,60,30,6,0.01,2026-01-01T00:00:00Z,2026-07-01T00:00:00Z,outboundVoiceCalls",
				"4477,\"UK mobile, premium\",0.15,0.0125,60,60,60,0,2026-01-01T00:00:00Z,,outboundVoiceCalls");

		// By its name again, with an item column: version 2, and version 1 still readable.
		JsonNode second = ok(upload(admin(), "accountId=" + this.account + "&name=Carrier+A",
				HEADER + ",item\n33,France,0,0.04,60,60,60,0,2026-02-01,,outboundVoiceCalls\n"
						+ "33,France SMS,0,0.07,60,60,60,0,2026-02-01,,OutboundSmsMessages\n"));
		assertThat(second.get("deck").get("id").asString()).isEqualTo(id);
		assertThat(second.get("deck").get("version").asInt()).isEqualTo(2);
		assertThat(second.get("deck").get("ratesPerItem").properties()).hasSize(2);
		assertThat(second.get("deck").get("versions").findValuesAsString("version")).containsExactly("2", "1");
		assertThat(admin().get("/rate-decks/" + id + "/rates.csv?version=1").body().lines()).hasSize(4);
		assertThat(admin().get("/rate-decks/" + id + "/rates.csv?version=3").status()).isEqualTo(404);
		JsonNode listed = ok(admin().get("/rate-decks?accountId=" + this.account));
		assertThat(listed.get("rateDecks").findValuesAsString("id")).containsExactly(id);
	}

	@Test
	void badLinesAreRejectedWithTheirNumbersAndNothingIsStored() {
		String csv = String.join("\n", HEADER,
				"44,United Kingdom,0,0.05,60,1,1,0,2026-01-01,",
				"44a,Typo,0,0.05,60,1,1,0,2026-01-01,",
				"",
				"33,France,0,-0.01,60,60,60,0,2026-01-01,",
				"49,Germany,0,0.03,0,60,60,0,2026-01-01,",
				"34,Spain,0,0.03,60,60,60,0,01/02/2026,",
				"44,United Kingdom again,0,0.06,60,1,1,0,2026-01-01,",
				"39,Italy,0,0.03,60,60,60,0,2026-02-01,2026-01-01",
				"41,Switzerland,0,0.0300000000001,60,60,60,0,2026-01-01,");
		ApiResponse refused = upload(admin(), "accountId=" + this.account + "&name=Broken", csv);
		assertThat(refused.status()).isEqualTo(422);
		JsonNode answer = refused.json();
		assertThat(answer.has("deck")).as("absent values are omitted").isFalse();
		assertThat(answer.get("lines").asLong()).isEqualTo(8);
		assertThat(answer.get("rejected").asLong()).isEqualTo(7);
		assertThat(answer.get("rejections").findValuesAsString("lineNumber")).containsExactly("3", "5", "6", "7",
				"8", "9", "10");
		List<String> reasons = answer.get("rejections").findValuesAsString("reason");
		assertThat(reasons.get(0)).isEqualTo("prefix '44a' is not 1 to 15 digits (not starting with 0)");
		assertThat(reasons.get(1)).isEqualTo("rate must not be negative");
		assertThat(reasons.get(2)).isEqualTo("rateUnitSeconds '0' must be a whole number of seconds from 1 to 86400");
		assertThat(reasons.get(3)).startsWith("effectiveFrom '01/02/2026' is not a day");
		assertThat(reasons.get(4)).startsWith("prefix 44 of OutboundVoiceCalls has a line from");
		assertThat(reasons.get(5)).isEqualTo("effectiveTo must be after effectiveFrom");
		assertThat(reasons.get(6)).startsWith("rate has more than 10 decimal places");
		assertThat(answer.get("rejections").get(0).get("line").asString()).isEqualTo("44a,Typo,0,0.05,60,1,1,0,2026-01-01,");
		assertThat(ok(admin().get("/rate-decks?accountId=" + this.account)).get("rateDecks")).isEmpty();

		// An existing deck keeps its version when a new upload is refused.
		ok(upload(admin(), "accountId=" + this.account + "&name=Kept", HEADER + "\n44,UK,0,0.05,60,1,1,0,2026-01-01,"));
		assertThat(upload(admin(), "accountId=" + this.account + "&name=Kept", csv).status()).isEqualTo(422);
		JsonNode kept = ok(admin().get("/rate-decks?accountId=" + this.account)).get("rateDecks").get(0);
		assertThat(kept.get("version").asInt()).isEqualTo(1);
		assertThat(kept.get("versions")).hasSize(1);
	}

	@Test
	void aFileThatIsNoDeckIsABadRequest() {
		ApiResponse missing = upload(admin(), "accountId=" + this.account + "&name=X", "prefix,rate\n44,0.05\n");
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.body()).contains("MissingColumn").contains("description, connectFee");
		ApiResponse unknown = upload(admin(), "accountId=" + this.account + "&name=X", HEADER + ",colour\n");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.body()).contains("UnknownColumn").contains("colour");
		ApiResponse headerOnly = upload(admin(), "accountId=" + this.account + "&name=X", HEADER + "\n");
		assertThat(headerOnly.status()).isEqualTo(400);
		assertThat(headerOnly.body()).contains("EmptyFile");
		ApiResponse noName = upload(admin(), "accountId=" + this.account, HEADER + "\n44,UK,0,0.05,60,1,1,0,2026-01-01,");
		assertThat(noName.status()).isEqualTo(400);
		assertThat(noName.body()).contains("\"fieldName\":\"name\"");
		ApiResponse badItem = upload(admin(), "accountId=" + this.account + "&name=X&item=base",
				HEADER + "\n44,UK,0,0.05,60,1,1,0,2026-01-01,");
		assertThat(badItem.status()).isEqualTo(400);
		assertThat(badItem.body()).contains("\"fieldName\":\"item\"");
		assertThat(ok(admin().get("/rate-decks?accountId=" + this.account)).get("rateDecks")).isEmpty();
	}

	@Test
	void onlyTheAccountsOwnDeckCanBeAssignedAndOnlyItsManagersSeeDecks() {
		String other = unique("deck-other");
		Fixtures fixtures = new Fixtures(admin());
		fixtures.account(other, "UTC", Map.of());
		String otherDeck = ok(upload(admin(), "accountId=" + other + "&name=Theirs",
				HEADER + "\n44,UK,0,0.05,60,1,1,0,2026-01-01,")).get("deck").get("id").asString();
		ApiResponse foreign = admin().put("/accounts/" + this.account, Map.of("name", "Mine", "rating",
				Map.of("rateDeckId", otherDeck)));
		assertThat(foreign.status()).isEqualTo(400);
		assertThat(foreign.body()).contains("rating.rateDeckId");
		fixtures.customer(this.account + "-c", this.account, null, "C", null, null);
		ApiResponse customerDeck = admin().put("/customers/" + this.account + "-c", Map.of("accountId", this.account,
				"name", "C", "rateDeckId", otherDeck));
		assertThat(customerDeck.status()).isEqualTo(400);
		assertThat(customerDeck.body()).contains("rateDeckId");
		ApiResponse fallbackWithoutRate = admin().put("/accounts/" + this.account, Map.of("name", "Mine", "rating",
				Map.of("unmatchedCalls", "fallback")));
		assertThat(fallbackWithoutRate.status()).isEqualTo(400);
		assertThat(fallbackWithoutRate.body()).contains("rating.fallbackRate");

		String mine = ok(upload(admin(), "accountId=" + this.account + "&name=Mine",
				HEADER + "\n44,UK,0,0.05,60,1,1,0,2026-01-01,")).get("deck").get("id").asString();
		JsonNode assigned = ok(admin().put("/accounts/" + this.account, Map.of("name", "Mine", "rating",
				Map.of("rateDeckId", mine, "unmatchedCalls", "fallback", "fallbackRate", "0.10"))));
		assertThat(assigned.get("rating").get("rateDeckId").asString()).isEqualTo(mine);
		assertThat(assigned.get("rating").get("fallbackRate").asString()).isEqualTo("0.1");

		// A Manager of the other account neither sees nor uploads to this one; a Customer user sees no deck.
		ok(admin().post("/users", Map.of("username", other + "-mgr", "password", "manager-secret-1",
				"role", "Manager", "accountId", other)));
		Api manager = anonymous().as(other + "-mgr", "manager-secret-1");
		assertThat(manager.get("/rate-decks/" + mine).status()).isEqualTo(404);
		assertThat(upload(manager, "accountId=" + this.account + "&name=Sneaky",
				HEADER + "\n44,UK,0,0.05,60,1,1,0,2026-01-01,").status()).isEqualTo(403);
		assertThat(manager.get("/rate-decks/" + otherDeck).status()).isEqualTo(200);
		ok(admin().post("/users", Map.of("username", this.account + "-cust", "password", "customer-secret-1",
				"role", "Customer", "accountId", this.account, "customerId", this.account + "-c")));
		Api customer = anonymous().as(this.account + "-cust", "customer-secret-1");
		assertThat(customer.get("/rate-decks?accountId=" + this.account).status()).isEqualTo(403);
		assertThat(customer.get("/rate-decks/" + mine).status()).isEqualTo(403);
	}

}
