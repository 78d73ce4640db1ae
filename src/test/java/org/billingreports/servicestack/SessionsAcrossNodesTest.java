package org.billingreports.servicestack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import org.billingreports.support.ApiResponse;
import org.billingreports.support.Cookies;
import org.billingreports.support.Fixtures;
import org.billingreports.support.Nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingreports.support.Fixtures.ok;

/**
 * Sessions live in the database: a session signed in on one node works on another node of the same
 * database, and after every node has been restarted. Here on the embedded H2 file database, as
 * {@code make run} keeps it; {@link SessionsAcrossNodesPostgresTest} does the same on PostgreSQL.
 */
class SessionsAcrossNodesTest {

	private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	@AfterEach
	void stop() {
		this.nodes.forEach(ConfigurableApplicationContext::close);
		closeDatabase();
	}

	/** The settings that put a node on the shared database. */
	protected List<String> database() throws Exception {
		Path folder = Files.createTempDirectory("sessions-h2");
		return List.of("--spring.datasource.url=jdbc:h2:file:" + folder.resolve("billing")
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE",
				"--spring.datasource.username=sa", "--spring.datasource.password=");
	}

	protected void closeDatabase() {
	}

	@Test
	void aSessionWorksOnEveryNodeAndOutlivesARestart() throws Exception {
		List<String> database = database();
		ConfigurableApplicationContext first = start("node-one", database);
		ConfigurableApplicationContext second = start("node-two", database);
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
		ConfigurableApplicationContext restarted = start("node-three", database);
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

	private ConfigurableApplicationContext start(String node, List<String> database) {
		ConfigurableApplicationContext context = Nodes.start(node, database);
		this.nodes.add(context);
		return context;
	}

}
