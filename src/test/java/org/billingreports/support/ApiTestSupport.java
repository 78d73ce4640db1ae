package org.billingreports.support;

import java.util.UUID;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Tests against the running application over real HTTP, on the embedded H2 database. Subclasses share
 * one application (Spring caches the context), so each test makes its own accounts with
 * {@link #unique(String)} ids.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class ApiTestSupport {

	public static final String ADMIN = "test-admin";

	public static final String ADMIN_PASSWORD = "test-admin-secret";

	@LocalServerPort
	protected int port;

	protected Api anonymous() {
		return new Api(this.port);
	}

	protected Api admin() {
		return anonymous().as(ADMIN, ADMIN_PASSWORD);
	}

	protected static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
