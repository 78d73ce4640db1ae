package org.billingreports.security;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingreports.support.Fixtures.ok;

/** A Customer user's report holds exactly its own subtree's lines. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomerReportTest extends ApiTestSupport {

	private Tenants t;

	@BeforeAll
	void createTenants() {
		this.t = new Tenants(admin(), unique("cus")).create();
	}

	/** A Customer's billing file keeps every column, with Raw Cost empty: the carrier's cost is not its business. */
	@Test
	void theFileHoldsTheCustomersSubtreeOnly() {
		JsonNode report = ok(this.t.as("customerP").get("/reports/" + this.t.reportOfCustomerP));
		// 1.06 + 10.00 + 1.50 + 0.07 + 0.01; the sibling's 10 minutes are not in it.
		assertThat(report.get("statusMessage").asString()).isEqualTo("2 customers, 3 calls, total 12.64 USD");
		String file = this.t.as("customerP").get("/reports/" + this.t.reportOfCustomerP + ".csv").body();
		String child = "Child " + this.t.p;
		String parent = "Parent " + this.t.p;
		assertThat(List.of(file.split("\r\n"))).containsExactly(
				"Customer,Item,Quantity,Allowance,Billable,Unit Cost,Base Cost,Raw Cost,Amount",
				// Its own override prices: no base, free numbers, minutes at 0.03 plus a base cost of 1.
				child + ",LocalNumbers,1,0,1,0,0,,0.00",
				child + ",OutboundVoiceCalls,2,0,2,0.03,1,,1.06",
				parent + ",Base,1,0,1,0,10,,10.00",
				parent + ",LocalNumbers,1,0,1,1.5,0,,1.50",
				// 125 s = 3 minutes, 2 free: 1 × 0.02 + 1 × 0.05 carrier cost.
				parent + ",OutboundVoiceCalls,3,2,1,0.02,0,,0.07",
				parent + ",OutboundSmsMessages,1,0,1,0.005,0,,0.01");
		// The provider's staff see the same report's carrier costs.
		assertThat(admin().get("/reports/" + this.t.reportOfCustomerP + ".csv").body())
			.contains(child + ",OutboundVoiceCalls,2,0,2,0.03,1,0.02,1.06");
	}

	@Test
	void theSiblingsReportHoldsOnlyTheSibling() {
		JsonNode report = new Fixtures(this.t.as("customerS"))
			.runReport(Map.of("accountId", this.t.accountA, "startDate", "2026-07-01", "endDate", "2026-07-31",
					"includeCustomerIds", true));
		String file = this.t.as("customerS").get("/reports/" + report.get("id").asString() + ".csv").body();
		String sibling = "Sibling " + this.t.p + "," + this.t.customerS;
		assertThat(List.of(file.split("\r\n"))).containsExactly(
				"Customer,Customer ID,Item,Quantity,Allowance,Billable,Unit Cost,Base Cost,Raw Cost,Amount",
				sibling + ",Base,1,0,1,0,10,,10.00", sibling + ",LocalNumbers,1,0,1,1.5,0,,1.50",
				// 600 s = 10 minutes, 2 free: 8 × 0.02 + 0.30.
				sibling + ",OutboundVoiceCalls,10,2,8,0.02,0,,0.46");
		// The account-wide report of the same period has all three customers.
		String whole = admin().get("/reports/" + this.t.reportOfAdmin + ".csv").body();
		assertThat(whole).contains("Parent " + this.t.p, "Child " + this.t.p, "Sibling " + this.t.p);
	}

	@Test
	void aCustomerSeesOnlyTheReportsItRequested() {
		List<String> seen = ok(this.t.as("customerS").get("/reports?accountId=" + this.t.accountA)).get("reports")
			.valueStream()
			.map(r -> r.get("id").asString())
			.toList();
		assertThat(seen).doesNotContain(this.t.reportOfAdmin, this.t.reportOfCustomerP);
		List<String> ofP = ok(this.t.as("customerP").get("/reports")).get("reports")
			.valueStream()
			.map(r -> r.get("id").asString())
			.toList();
		assertThat(ofP).containsExactly(this.t.reportOfCustomerP);
	}

}
