package org.billingreports.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A database several nodes of a test share: the settings that put a node on it, and its removal. */
public interface SharedDatabase extends AutoCloseable {

	List<String> arguments();

	@Override
	void close();

	/** An H2 file in a folder of its own, in AUTO_SERVER mode so that several processes may open it. */
	static SharedDatabase h2File() throws IOException {
		Path folder = Files.createTempDirectory("shared-h2");
		List<String> arguments = List.of("--spring.datasource.url=jdbc:h2:file:" + folder.resolve("billing")
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE",
				"--spring.datasource.username=sa", "--spring.datasource.password=");
		return new SharedDatabase() {
			@Override
			public List<String> arguments() {
				return arguments;
			}

			@Override
			public void close() {
			}
		};
	}

}
