package org.billingreports.servicestack;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import org.billingreports.support.ApiResponse;
import org.billingreports.support.Cookies;
import org.billingreports.support.Fixtures;
import org.billingreports.support.MultiNodeTest;
import org.billingreports.support.Nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingreports.support.Fixtures.ok;

/**
 * Sessions live in the database: a session signed in on one node works on another node of the same
 * database, and after every node has been restarted. Here on the embedded H2 file database, as
 * {@code make run} keeps it; {@link SessionsAcrossNodesPostgresTest} does the same on PostgreSQL.
 */
class SessionsAcrossNodesTest extends MultiNodeTest {

	@Test
	void aSessionWorksOnEveryNodeAndOutlivesARestart() throws Exception {
		ConfigurableApplicationContext first = start("node-one", List.of());
		ConfigurableApplicationContext second = start("node-two", List.of());
		String account = "nodes-acc";
		new Fixtures(Nodes.admin(first)).account(account, "UTC", Map.of());
		ok(Nodes.admin(first).post("/users", Map.of("username", "nodes-manager", "password", "nodes-password-1", "role",
				"Manager", "accountId", account)));

		ApiResponse signIn = Nodes.api(first).post("/auth/credentials",
				Map.of("userName", "nodes-manager", "password", "nodes-password-1", "rememberMe", true));
		assertThat(signIn.status()).as(signIn.body()).isEqualTo(200);
		Cookies cookies = Cookies.from(signIn);
		assertThat(reports(second, cookies, account)).isEqualTo(200);

		first.close();
		second.close();
		ConfigurableApplicationContext restarted = start("node-three", List.of());
		assertThat(reports(restarted, cookies, account)).isEqualTo(200);
		assertThat(ok(Nodes.api(restarted).exchange("GET", "/auth/status", Map.of("Cookie", cookies.header()), null))
			.get("userName")
			.asString()).isEqualTo("nodes-manager");
		Nodes.api(restarted).exchange("POST", "/auth/logout", Map.of("Cookie", cookies.header()), null);
		assertThat(reports(restarted, cookies, account)).isEqualTo(401);
	}

	private static int reports(ConfigurableApplicationContext node, Cookies cookies, String account) {
		return Nodes.api(node)
			.exchange("GET", "/reports?accountId=" + account, Map.of("Cookie", cookies.header()), null)
			.status();
	}

}
