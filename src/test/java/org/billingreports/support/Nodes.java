package org.billingreports.support;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import org.billingreports.BillingReportsApplication;

/** Nodes of the service started by a test in its own JVM, e.g. several on one database. */
public final class Nodes {

	private Nodes() {
	}

	/**
	 * A node on the test profile, on a free port, named, with these settings added (e.g. the
	 * database's) and these test configurations (e.g. {@link RatingGate.Configuration}).
	 */
	public static ConfigurableApplicationContext start(String nodeName, List<String> settings,
			Class<?>... testConfigurations) {
		List<String> args = new ArrayList<>(settings);
		args.add("--server.port=0");
		args.add("--billing.node-name=" + nodeName);
		List<Class<?>> sources = new ArrayList<>(List.of(BillingReportsApplication.class));
		sources.addAll(List.of(testConfigurations));
		return new SpringApplicationBuilder(sources.toArray(Class<?>[]::new)).profiles("test")
			.run(args.toArray(String[]::new));
	}

	/** A client of the node, anonymous. */
	public static Api api(ConfigurableApplicationContext node) {
		return new Api(Integer.parseInt(node.getEnvironment().getProperty("local.server.port")));
	}

	/** A client of the node, as the test administrator. */
	public static Api admin(ConfigurableApplicationContext node) {
		return api(node).as(ApiTestSupport.ADMIN, ApiTestSupport.ADMIN_PASSWORD);
	}

}
