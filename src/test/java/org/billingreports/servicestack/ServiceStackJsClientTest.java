package org.billingreports.servicestack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.billingreports.support.ApiTestSupport;
import org.billingreports.support.Fixtures;
import org.billingreports.support.NodeAvailable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billingreports.support.Fixtures.item;
import static org.billingreports.support.Fixtures.ok;

/**
 * ServiceStack's own JavaScript client, {@code @servicestack/client} from npm, drives the service
 * ({@code src/test/js/servicestack-client/scenario.mjs}): it signs in with {@code Authenticate},
 * posts {@code BillingReport} on its default route, polls, lists, reads validation errors as its
 * users do, uses an API key as the Basic user name and as a Bearer token, and deletes. The client is
 * installed into {@code target/} by {@code npm ci} at test time, at the version its lock file pins.
 */
@ExtendWith(NodeAvailable.class)
class ServiceStackJsClientTest extends ApiTestSupport {

	private static final Path SOURCES = Path.of("src/test/js/servicestack-client");

	private static final Path INSTALLED = Path.of("target/js-clients/servicestack-client");

	@Test
	void servicestacksJavaScriptClientWorksUnchanged() throws Exception {
		String account = unique("jsc");
		String user = unique("js") + "@example.com";
		String password = "javascript-password-1";
		Fixtures fixtures = new Fixtures(admin());
		fixtures.account(account, "UTC", Map.of("outboundVoiceCalls", item("2.5", "1.25", "0.02", 0)));
		fixtures.customer(account + "-a", account, null, "Acme", null, null);
		fixtures.customer(account + "-b", account, null, "Bolt", null, null);
		fixtures.importCalls(account, String.join("\n",
				"callId,customerId,channel,direction,from,to,startTime,answerTime,endTime,durationSeconds,"
						+ "billableSeconds,status,carrierCost",
				"j1," + account + "-a,voice,outbound,+1,+2,2026-07-02T10:00:00Z,,,125,121,completed,0.0123",
				"j2," + account + "-a,voice,outbound,+1,+2,2026-07-02T11:00:00Z,,,60,60,completed,0.01",
				"j3," + account + "-b,voice,outbound,+1,+2,2026-07-03T10:00:00Z,,,60,60,completed,0.5"));
		String userId = ok(admin().post("/users",
				Map.of("username", user, "password", password, "role", "Manager", "accountId", account)))
			.get("id")
			.asString();
		String key = ok(admin().post("/users/" + userId + "/api-keys", Map.of("name", "js"))).get("key").asString();

		install();
		ProcessBuilder node = new ProcessBuilder("node", "scenario.mjs").directory(INSTALLED.toFile())
			.redirectErrorStream(true);
		node.environment()
			.putAll(Map.of("BASE_URL", "http://localhost:" + this.port, "USER_NAME", user, "PASSWORD", password,
					"ACCOUNT_ID", account, "API_KEY", key));
		Run run = run(node, 120);
		assertThat(run.exitCode()).as(run.output()).isZero();
		// Acme: 2.5 + 4 minutes × 0.02 + 1.25 × 0.0223 = 2.607875; Bolt: 2.5 + 0.02 + 1.25 × 0.5 = 3.145.
		assertThat(run.output()).contains("step: signed in", "step: listed", "step: validation errors",
				"step: api keys", "step: deleted", "completed: 2 customers, 3 calls, total 5.76 USD");
		String reportId = run.output().lines().filter(line -> line.startsWith("done ")).findFirst().orElseThrow()
			.substring(5);
		assertThat(admin().get("/reports/" + reportId).status()).as("deleted on the server").isEqualTo(404);
	}

	/** {@code npm ci} of the pinned client into {@code target/}, from the committed lock file. */
	private static void install() throws Exception {
		Files.createDirectories(INSTALLED);
		for (String file : List.of("package.json", "package-lock.json", "scenario.mjs")) {
			Files.copy(SOURCES.resolve(file), INSTALLED.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
		Run install = run(new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(INSTALLED.toFile())
			.redirectErrorStream(true), 300);
		assertThat(install.exitCode()).as("npm ci of @servicestack/client: " + install.output()).isZero();
	}

	private record Run(int exitCode, String output) {
	}

	private static Run run(ProcessBuilder builder, int timeoutSeconds) throws IOException, InterruptedException {
		Process process = builder.start();
		byte[] output = process.getInputStream().readAllBytes();
		if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			return new Run(-1, "timed out: " + new String(output, StandardCharsets.UTF_8));
		}
		return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
	}

}
