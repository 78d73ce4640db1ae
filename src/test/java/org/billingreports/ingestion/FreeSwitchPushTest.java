package org.billingreports.ingestion;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.billingreports.support.Api;
import org.billingreports.support.ApiResponse;
import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingreports.support.Fixtures.ok;

/**
 * FreeSWITCH posting its legs over real HTTP ({@code formats.md}, FreeSWITCH over HTTP): the real sample leg in
 * every body encoding and value encoding of {@code mod_json_cdr}, and as {@code mod_xml_cdr} writes it; bridged
 * legs; legs posted again; legs that cannot be billed; and who may post.
 */
class FreeSwitchPushTest extends ApiTestSupport {

	/** The sample leg as stored: extension 1001 (customer by account code) calls 1002 in context default. */
	static final String SAMPLE_STORED = "voice|outbound|1001|1002|1001|2013-05-16T12:33:28Z|"
			+ "2013-05-16T12:33:31Z|2013-05-16T12:33:52Z|24|21|completed";

	@Autowired
	JdbcClient jdbc;

	private String account;

	private String extension1001;

	private Api switchApi;

	@BeforeEach
	void setUp() {
		Fixtures fixtures = new Fixtures(admin());
		this.account = unique("fs");
		this.extension1001 = this.account + "-1001";
		fixtures.account(this.account, "UTC", Map.of());
		fixtures.customer(this.extension1001, this.account, null, "Extension 1001", "1001", null);
		JsonNode credential = credential(this.account);
		this.switchApi = anonymous().as(credential.get("username").asString(), credential.get("password").asString());
	}

	@Test
	void theSampleLegInEveryEncodingIsTheSameRecord() {
		Map<String, String> bodies = new LinkedHashMap<>();
		Map<String, String> types = new LinkedHashMap<>();
		variant(bodies, types, "json, encoded values", FreeSwitchLegs.JSON, FreeSwitchLegs::encodedValues);
		variant(bodies, types, "json, plain values", FreeSwitchLegs.JSON, FreeSwitchLegs::plainValues);
		variant(bodies, types, "json, plain values, callflow array", FreeSwitchLegs.JSON,
				uuid -> FreeSwitchLegs.callflowArray(FreeSwitchLegs.plainValues(uuid)));
		variant(bodies, types, "encode=true, plain values", FreeSwitchLegs.FORM,
				uuid -> FreeSwitchLegs.form(FreeSwitchLegs.plainValues(uuid)));
		variant(bodies, types, "base64, encoded values", FreeSwitchLegs.BASE64,
				uuid -> FreeSwitchLegs.base64(FreeSwitchLegs.encodedValues(uuid)));
		variant(bodies, types, "base64, plain values", FreeSwitchLegs.BASE64,
				uuid -> FreeSwitchLegs.base64(FreeSwitchLegs.plainValues(uuid)));
		bodies.forEach((uuid, body) -> {
			ApiResponse answer = post(uuid, types.get(uuid), body);
			assertThat(answer.status()).as(uuid).isEqualTo(200);
			assertThat(answer.json().get("callId").asString()).isEqualTo(uuid);
			assertThat(answer.json().get("customerId").asString()).isEqualTo(this.extension1001);
			assertThat(stored(uuid)).as(uuid).isEqualTo(this.extension1001 + "|" + SAMPLE_STORED);
		});
	}

	@Test
	void aValueIsDecodedOnceWhateverTheEncoding() {
		String encoded = UUID.randomUUID().toString();
		String plain = UUID.randomUUID().toString();
		String form = UUID.randomUUID().toString();
		String name = "\"caller_id_name\":";
		assertThat(post(encoded, FreeSwitchLegs.JSON, FreeSwitchLegs.encodedValues(encoded)
			.replace("\"variables\":{", "\"variables\":{" + name + "\"Alice%20%26%20Bob%2025%25\",")).status())
			.isEqualTo(200);
		String plainLeg = FreeSwitchLegs.plainValues(plain)
			.replace("\"variables\":{", "\"variables\":{" + name + "\"Alice & Bob 25%\",");
		assertThat(post(plain, FreeSwitchLegs.JSON, plainLeg).status()).isEqualTo(200);
		assertThat(post(form, FreeSwitchLegs.FORM, FreeSwitchLegs.form(plainLeg.replace(plain, form))).status())
			.isEqualTo(200);
		for (String uuid : List.of(encoded, plain, form)) {
			assertThat(stored(uuid)).as(uuid).contains("|Alice & Bob 25%|");
		}
	}

	@Test
	void urlEncodedOverEncodedValuesIsRefusedSayingWhyAndKept() {
		String uuid = UUID.randomUUID().toString();
		// The sample's caller_id "%221001%22 <1001>" decodes, with the whole document, into bare quotes.
		ApiResponse answer = post(uuid, FreeSwitchLegs.FORM, FreeSwitchLegs.form(FreeSwitchLegs.encodedValues(uuid)));
		assertThat(answer.status()).isEqualTo(422);
		JsonNode status = answer.json().get("responseStatus");
		assertThat(status.get("errorCode").asString()).isEqualTo("UnreadableLeg");
		assertThat(status.get("message").asString()).contains("encode=true", "%22", "encode-values");
		assertThat(count(uuid)).isZero();
		JsonNode rejection = onlyRejection();
		assertThat(rejection.get("callId").asString()).isEqualTo(uuid);
		assertThat(rejection.get("source").asString()).isEqualTo("freeswitch-json");
	}

	@Test
	void aBridgedCallIsBilledOnceWhicheverLegComesFirst() {
		for (boolean aFirst : List.of(true, false)) {
			String a = UUID.randomUUID().toString();
			String b = UUID.randomUUID().toString();
			String aLeg = FreeSwitchLegs.encodedValues(a);
			String bLeg = FreeSwitchLegs.bLeg(a, b);
			if (aFirst) {
				assertThat(post(a, FreeSwitchLegs.JSON, aLeg).status()).isEqualTo(200);
			}
			ApiResponse bAnswer = post(b, FreeSwitchLegs.JSON, bLeg);
			assertThat(bAnswer.status()).isEqualTo(200);
			assertThat(bAnswer.json().get("status").asString()).isEqualTo("b-leg");
			if (!aFirst) {
				assertThat(post(a, FreeSwitchLegs.JSON, aLeg).status()).isEqualTo(200);
			}
			assertThat(stored(a)).endsWith("|completed");
			assertThat(stored(b)).endsWith("|b-leg");
		}
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM call_record WHERE account_id = ? AND status = 'completed'")
			.param(this.account)
			.query(Long.class)
			.single()).isEqualTo(2);
	}

	@Test
	void aLegPostedThreeTimesIsStoredOnceWithTheSameAnswer() {
		String uuid = UUID.randomUUID().toString();
		String leg = FreeSwitchLegs.encodedValues(uuid);
		ApiResponse first = post(uuid, FreeSwitchLegs.JSON, leg);
		// From the switch's error folder, later, with a value changed: still the call stored first.
		ApiResponse second = post(uuid, FreeSwitchLegs.JSON, leg.replace("\"billsec\":\"21\"", "\"billsec\":\"22\""));
		ApiResponse third = post(uuid, FreeSwitchLegs.JSON, leg);
		assertThat(List.of(first.status(), second.status(), third.status())).containsOnly(200);
		assertThat(second.body()).isEqualTo(first.body());
		assertThat(third.body()).isEqualTo(first.body());
		assertThat(count(uuid)).isEqualTo(1);
		assertThat(stored(uuid)).contains("|24|21|completed");
	}

	@Test
	void aLegOfNoCustomerIsRefusedAndKeptWholeUntilTheAccountHasADefaultCustomer() {
		String uuid = UUID.randomUUID().toString();
		String leg = FreeSwitchLegs.plainValues(uuid).replace("\"accountcode\":\"1001\"", "\"accountcode\":\"\"");
		ApiResponse refused = post(uuid, FreeSwitchLegs.JSON, leg);
		assertThat(refused.status()).isEqualTo(422);
		assertThat(refused.json().get("responseStatus").get("errorCode").asString()).isEqualTo("LegRejected");
		assertThat(refused.json().get("responseStatus").get("message").asString())
			.startsWith("the leg names no customer (empty account code), its calling number '1001' is none of the "
					+ "account's, and the account has no defaultCustomerId");
		assertThat(post(uuid, FreeSwitchLegs.JSON, leg).status()).isEqualTo(422);
		JsonNode rejection = onlyRejection();
		assertThat(rejection.get("bodyLength").asLong()).isEqualTo(leg.length());
		ApiResponse body = admin()
			.get("/calls/freeswitch/" + this.account + "/rejections/" + rejection.get("id").asLong());
		assertThat(body.body()).isEqualTo(leg);
		String session = anonymous().consoleSession(ADMIN, ADMIN_PASSWORD);
		ApiResponse page = anonymous().exchange("GET", "/console/imports?accountId=" + this.account,
				Map.of("Cookie", session), null);
		assertThat(page.body()).contains("Pushed legs refused", uuid, "the leg names no customer");

		Map<String, Object> account = new LinkedHashMap<>();
		account.put("name", "Account " + this.account);
		account.put("defaultCustomerId", "1001");
		ok(admin().put("/accounts/" + this.account, account));
		assertThat(post(uuid, FreeSwitchLegs.JSON, leg).status()).isEqualTo(200);
		assertThat(stored(uuid)).startsWith(this.extension1001 + "|");
	}

	@Test
	void whoMayPost() {
		String uuid = UUID.randomUUID().toString();
		String leg = FreeSwitchLegs.encodedValues(uuid);
		String manager = unique("fs-manager");
		String customer = unique("fs-customer");
		String password = "push-test-password-1";
		ok(admin().post("/users", Map.of("username", manager, "password", password, "role", "Manager", "accountId",
				this.account)));
		ok(admin().post("/users", Map.of("username", customer, "password", password, "role", "Customer", "accountId",
				this.account, "customerId", this.extension1001)));
		// As FreeSWITCH's cred sends an API key: the key as the Basic user name, no password.
		assertThat(post(anonymous().as(apiKey(manager, password), ""), uuid, leg).status()).isEqualTo(200);
		assertThat(post(anonymous().as(apiKey(customer, password), ""), uuid, leg).status()).isEqualTo(403);
		assertThat(post(anonymous(), uuid, leg).status()).isEqualTo(401);

		JsonNode made = credential(this.account);
		Api theSwitch = anonymous().as(made.get("username").asString(), made.get("password").asString());
		assertThat(post(theSwitch, uuid, leg).status()).isEqualTo(200);
		// It pushes legs, and does nothing else.
		assertThat(theSwitch.get("/reports").status()).isEqualTo(403);
		JsonNode listed = ok(admin().get("/accounts/" + this.account + "/switch-credentials"));
		assertThat(listed.toString()).doesNotContain(made.get("password").asString());
		assertThat(admin().delete("/accounts/" + this.account + "/switch-credentials/" + made.get("id").asString())
			.status()).isEqualTo(204);
		assertThat(post(theSwitch, uuid, leg).status()).isEqualTo(401);
		assertThat(post(anonymous().as(made.get("username").asString(), "wrong"), uuid, leg).status()).isEqualTo(401);
		// Another account's switch may not push here.
		String other = unique("fs-other");
		new Fixtures(admin()).account(other, "UTC", Map.of());
		JsonNode elsewhere = credential(other);
		assertThat(post(anonymous().as(elsewhere.get("username").asString(), elsewhere.get("password").asString()),
				uuid, leg).status()).isEqualTo(403);
	}

	@Test
	void theXmlLegInEachOfItsEncodings() {
		Map<String, String> types = Map.of("cdr=plain", "application/x-www-form-plaintext", "cdr=url",
				FreeSwitchLegs.FORM, "cdr=base64", FreeSwitchLegs.BASE64, "text/xml", "text/xml");
		for (Map.Entry<String, String> encoding : types.entrySet()) {
			String uuid = UUID.randomUUID().toString();
			String xml = xmlLeg(uuid);
			String body = switch (encoding.getKey()) {
				case "cdr=plain" -> "cdr=" + xml;
				// mod_xml_cdr encodes the document whole, an existing %XX too.
				case "cdr=url" -> "cdr=" + java.net.URLEncoder.encode(xml, StandardCharsets.UTF_8).replace("+", "%20");
				case "cdr=base64" -> FreeSwitchLegs.base64(xml);
				default -> xml;
			};
			ApiResponse answer = this.switchApi.exchange("POST",
					"/calls/freeswitch/" + this.account + "/xml?uuid=" + uuid,
					Map.of("Content-Type", encoding.getValue(), "User-Agent", "freeswitch-xml/1.0"),
					body.getBytes(StandardCharsets.UTF_8));
			assertThat(answer.status()).as(encoding.getKey() + ": " + answer.body()).isEqualTo(200);
			assertThat(stored(uuid)).as(encoding.getKey()).isEqualTo(this.extension1001 + "|" + SAMPLE_STORED);
		}
	}

	@Test
	void anXmlLegWithADoctypeIsRefusedAndNothingIsFetched() {
		String uuid = UUID.randomUUID().toString();
		String xml = "<?xml version=\"1.0\"?><!DOCTYPE cdr [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
				+ xmlLeg(uuid).replace("<?xml version=\"1.0\"?>", "").replace("<accountcode>1001</accountcode>",
						"<accountcode>&x;</accountcode>");
		ApiResponse answer = this.switchApi.exchange("POST", "/calls/freeswitch/" + this.account + "/xml?uuid=" + uuid,
				Map.of("Content-Type", "text/xml"), xml.getBytes(StandardCharsets.UTF_8));
		assertThat(answer.status()).isEqualTo(422);
		assertThat(answer.body()).contains("DOCTYPE").doesNotContain("root:");
		assertThat(count(uuid)).isZero();
	}

	/** The sample leg as {@code mod_xml_cdr} writes it: values URL-encoded, call flows newest first. */
	private static String xmlLeg(String uuid) {
		return "<?xml version=\"1.0\"?><cdr core-uuid=\"9b8ce609-6413-437b-8cf3-bbb92aaf720a\" switchname=\"fs1\">"
				+ "<channel_data><state>CS_REPORTING</state><direction>inbound</direction></channel_data><variables>"
				+ "<direction>inbound</direction><uuid>" + uuid + "</uuid><sip_from_uri>1001%40192.168.56.10</sip_from_uri>"
				+ "<accountcode>1001</accountcode><start_stamp>2013-05-16%2014%3A33%3A28</start_stamp>"
				+ "<start_epoch>1368707608</start_epoch><answer_epoch>1368707611</answer_epoch>"
				+ "<end_epoch>1368707632</end_epoch><caller_id>%221001%22%20%3C1001%3E</caller_id>"
				+ "<duration>24</duration><billsec>21</billsec><hangup_cause>NORMAL_CLEARING</hangup_cause>"
				+ "</variables><app_log><application app_name=\"bridge\" app_data=\"user/1002@192.168.56.10\"/></app_log>"
				+ "<callflow dialplan=\"XML\" unique-id=\"" + uuid + "\" profile_index=\"1\"><extension name=\"local\" "
				+ "number=\"1002\"/><caller_profile><username>1001</username><caller_id_name>1001</caller_id_name>"
				+ "<caller_id_number>1001</caller_id_number><destination_number>1002</destination_number>"
				+ "<context>default</context><uuid>" + uuid + "</uuid><originatee><originatee_caller_profile type=\"heard\">"
				+ "<uuid>28262ed6-9d57-4dac-8f0b-9cad38cc5183</uuid></originatee_caller_profile></originatee>"
				+ "</caller_profile><times><created_time>1368707608847154</created_time></times></callflow></cdr>";
	}

	private void variant(Map<String, String> bodies, Map<String, String> types, String name, String contentType,
			java.util.function.Function<String, String> body) {
		String uuid = UUID.randomUUID().toString();
		bodies.put(uuid, body.apply(uuid));
		types.put(uuid, contentType);
	}

	private ApiResponse post(String uuid, String contentType, String body) {
		return this.switchApi.exchange("POST", "/calls/freeswitch/" + this.account + "?uuid=" + uuid,
				Map.of("Content-Type", contentType, "User-Agent", "freeswitch-json/1.0"),
				body.getBytes(StandardCharsets.UTF_8));
	}

	private ApiResponse post(Api api, String uuid, String body) {
		return api.exchange("POST", "/calls/freeswitch/" + this.account + "?uuid=" + uuid,
				Map.of("Content-Type", FreeSwitchLegs.JSON), body.getBytes(StandardCharsets.UTF_8));
	}

	private String apiKey(String username, String password) {
		Api user = anonymous().as(username, password);
		String userId = ok(user.get("/auth")).get("userId").asString();
		return ok(user.post("/users/" + userId + "/api-keys", Map.of("name", "switch"))).get("key").asString();
	}

	/** A new switch credential of the account: 201, its password in the answer. */
	private JsonNode credential(String accountId) {
		ApiResponse made = admin().post("/accounts/" + accountId + "/switch-credentials", Map.of());
		assertThat(made.status()).as(made.body()).isEqualTo(201);
		assertThat(made.header("Location")).endsWith("/switch-credentials/" + made.json().get("id").asString());
		return made.json();
	}

	private JsonNode onlyRejection() {
		JsonNode rejections = ok(admin().get("/calls/freeswitch/" + this.account + "/rejections")).get("rejections");
		assertThat(rejections).hasSize(1);
		return rejections.get(0);
	}

	private long count(String uuid) {
		return this.jdbc.sql("SELECT COUNT(*) FROM call_record WHERE account_id = ? AND call_id = ?")
			.params(this.account, uuid)
			.query(Long.class)
			.single();
	}

	/** customer|channel|direction|from|to|callerName|start|answer|end|duration|billable|status */
	private String stored(String uuid) {
		return this.jdbc
			.sql("SELECT customer_id, channel, direction, from_number, to_number, caller_name, start_time, answer_time, "
					+ "end_time, duration_seconds, billable_seconds, status FROM call_record WHERE account_id = ? "
					+ "AND call_id = ?")
			.params(this.account, uuid)
			.query((rs, row) -> String.join("|", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), instant(rs.getObject(7, java.time.OffsetDateTime.class)),
					instant(rs.getObject(8, java.time.OffsetDateTime.class)),
					instant(rs.getObject(9, java.time.OffsetDateTime.class)), rs.getString(10), rs.getString(11),
					rs.getString(12)))
			.single();
	}

	private static String instant(java.time.OffsetDateTime time) {
		return (time != null) ? time.toInstant().toString() : "null";
	}

}
