package org.billingreports.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import org.billingreports.support.Api;
import org.billingreports.support.Fixtures;

import static org.billingreports.support.Fixtures.item;
import static org.billingreports.support.Fixtures.ok;

/**
 * Two tenants: account A with a customer P (child PC) and a sibling S, account B with a customer;
 * a Manager of each account and a Customer user of P and of S; completed reports and an import.
 */
final class Tenants {

	static final String PASSWORD = "tenant-password-1";

	final String p;

	final String accountA;

	final String accountB;

	final String customerP;

	final String customerPC;

	final String customerS;

	final String customerB;

	final Map<String, String> userIds = new LinkedHashMap<>();

	String reportOfAdmin;

	String reportOfCustomerP;

	String reportOfB;

	String importOfA;

	String deckOfA;

	private final Api admin;

	/** A rate deck of one line, as the matrix uploads it. */
	static final String DECK = "prefix,description,connectFee,rate,rateUnitSeconds,firstIncrementSeconds,"
			+ "nextIncrementSeconds,minimumCharge,effectiveFrom\n44,UK,0,0.05,60,1,1,0,2026-01-01\n";

	Tenants(Api admin, String prefix) {
		this.admin = admin;
		this.p = prefix;
		this.accountA = prefix + "-a";
		this.accountB = prefix + "-b";
		this.customerP = prefix + "-p";
		this.customerPC = prefix + "-pc";
		this.customerS = prefix + "-s";
		this.customerB = prefix + "-bx";
	}

	Tenants create() {
		Fixtures fixtures = new Fixtures(this.admin);
		Map<String, Object> prices = new LinkedHashMap<>();
		prices.put("base", item("10", "0", "0", 0));
		prices.put("localNumbers", item("0", "0", "1.5", 0));
		prices.put("outboundVoiceCalls", item("0", "1", "0.02", 2));
		prices.put("outboundSmsMessages", item("0", "0", "0.005", 0));
		fixtures.account(this.accountA, "UTC", prices);
		fixtures.account(this.accountB, "UTC", prices);
		fixtures.customer(this.customerP, this.accountA, null, "Parent " + this.p, null, null);
		fixtures.customer(this.customerPC, this.accountA, this.customerP, "Child " + this.p, null,
				Map.of("outboundVoiceCalls", item("1", "0", "0.03", 0)));
		fixtures.customer(this.customerS, this.accountA, null, "Sibling " + this.p, null, null);
		fixtures.customer(this.customerB, this.accountB, null, "Other " + this.p, null, null);
		fixtures.phoneNumber(this.accountA, this.customerP, false);
		fixtures.phoneNumber(this.accountA, this.customerPC, false);
		fixtures.phoneNumber(this.accountA, this.customerS, false);
		fixtures.phoneNumber(this.accountB, this.customerB, false);
		user("managerA", "Manager", this.accountA, null);
		user("managerB", "Manager", this.accountB, null);
		user("customerP", "Customer", this.accountA, this.customerP);
		user("customerS", "Customer", this.accountA, this.customerS);
		String header = "callId,customerId,channel,direction,startTime,billableSeconds,status,carrierCost\n";
		this.importOfA = fixtures.importCalls(this.accountA, header
				+ "p1," + this.customerP + ",voice,outbound,2026-07-01T10:00:00Z,125,completed,0.05\n"
				+ "p2," + this.customerP + ",sms,outbound,2026-07-02T10:00:00Z,0,completed,0.004\n"
				+ "pc1," + this.customerPC + ",voice,outbound,2026-07-03T10:00:00Z,61,completed,0.02\n"
				+ "s1," + this.customerS + ",voice,outbound,2026-07-04T10:00:00Z,600,completed,0.3\n")
			.get("id")
			.asString();
		this.deckOfA = ok(this.admin.send("POST", "/rate-decks?accountId=" + this.accountA + "&name=Deck+" + this.p,
				"text/csv", DECK)).get("deck").get("id").asString();
		fixtures.importCalls(this.accountB,
				header + "b1," + this.customerB + ",voice,outbound,2026-07-01T10:00:00Z,60,completed,0.01\n");
		this.reportOfAdmin = completed(fixtures, this.accountA);
		this.reportOfB = completed(fixtures, this.accountB);
		this.reportOfCustomerP = completed(new Fixtures(as("customerP")), this.accountA);
		return this;
	}

	Api as(String user) {
		return new Api(port()).as(this.p + "-" + user, PASSWORD);
	}

	String userId(String user) {
		return this.userIds.get(user);
	}

	/** Everything that identifies tenant A: none of it may reach a user of B. */
	List<String> markersOfA() {
		return List.of(this.accountA, this.customerP, this.customerPC, this.customerS, "Parent " + this.p,
				"Sibling " + this.p, this.reportOfAdmin, this.reportOfCustomerP, this.importOfA, this.p + "-managerA");
	}

	/** Everything that identifies tenant B: none of it may reach a user of A. */
	List<String> markersOfB() {
		return List.of(this.accountB, this.customerB, "Other " + this.p, this.reportOfB, this.p + "-managerB");
	}

	/** What a Customer user of S may not see of P's subtree, and the other way round. */
	List<String> markersOfP() {
		return List.of(this.customerP, this.customerPC, "Parent " + this.p, "Child " + this.p,
				this.reportOfCustomerP);
	}

	List<String> markersOfS() {
		return List.of(this.customerS, "Sibling " + this.p);
	}

	private int port() {
		return Integer.parseInt(this.admin.base().substring(this.admin.base().lastIndexOf(':') + 1));
	}

	private void user(String name, String role, String accountId, String customerId) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("username", this.p + "-" + name);
		body.put("password", PASSWORD);
		body.put("role", role);
		body.put("accountId", accountId);
		body.put("customerId", customerId);
		JsonNode user = ok(this.admin.post("/users", body));
		this.userIds.put(name, user.get("id").asString());
	}

	private static String completed(Fixtures fixtures, String account) {
		JsonNode report = fixtures.runReport(
				Map.of("accountId", account, "startDate", "2026-07-01", "endDate", "2026-07-31"));
		if (!report.get("status").asString().equals("Completed")) {
			throw new IllegalStateException("report did not complete: " + report);
		}
		return report.get("id").asString();
	}

}
