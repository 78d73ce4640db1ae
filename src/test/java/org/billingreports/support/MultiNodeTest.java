package org.billingreports.support;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * A test of several nodes on one database: an H2 file here; a subclass runs the same tests on
 * PostgreSQL by overriding {@link #createDatabase()} with a {@link PostgresTestDatabase.Schema}. The
 * nodes and the database go when the test ends.
 */
public abstract class MultiNodeTest {

	private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	private SharedDatabase database;

	protected SharedDatabase createDatabase() throws Exception {
		return SharedDatabase.h2File();
	}

	/** A node on the shared database, with these settings added. */
	protected ConfigurableApplicationContext start(String nodeName, List<String> settings) throws Exception {
		if (this.database == null) {
			this.database = createDatabase();
		}
		List<String> all = new ArrayList<>(this.database.arguments());
		all.addAll(settings);
		ConfigurableApplicationContext node = Nodes.start(nodeName, all);
		this.nodes.add(node);
		return node;
	}

	@AfterEach
	void stopNodes() {
		this.nodes.forEach(ConfigurableApplicationContext::close);
		if (this.database != null) {
			this.database.close();
		}
	}

}
