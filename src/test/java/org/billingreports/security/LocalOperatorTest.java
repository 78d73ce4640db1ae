package org.billingreports.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.ConfigurableApplicationContext;

import org.billingreports.support.Api;
import org.billingreports.support.ApiResponse;
import org.billingreports.support.Nodes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line's token: written beside the data while the service listens, readable by its owner
 * only, good for reading and nothing else, gone when the service stops.
 */
class LocalOperatorTest {

	@Test
	void theTokenReadsButDoesNotWriteAndLeavesWithTheService(@TempDir Path dataDir) throws Exception {
		Path file = dataDir.resolve(LocalOperator.FILE);
		ConfigurableApplicationContext node = Nodes.start("local", List.of("--billing.data-dir=" + dataDir));
		try {
			assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
			Properties service = new Properties();
			try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
				service.load(in);
			}
			String port = node.getEnvironment().getProperty("local.server.port");
			assertThat(service.getProperty("url")).isEqualTo("http://127.0.0.1:" + port);
			assertThat(service.getProperty("database"))
				.isEqualTo(node.getBean(DataSourceProperties.class).determineUrl());
			Api operator = Nodes.api(node).withBearer(service.getProperty("token"));

			assertThat(operator.get("/reports").status()).isEqualTo(200);
			ApiResponse write = operator.post("/accounts", Map.of("id", "by-token", "name", "No", "timeZoneId", "UTC"));
			assertThat(write.status()).as("the token reads only").isEqualTo(401);
			Api forged = Nodes.api(node).withBearer(service.getProperty("token") + "x");
			assertThat(forged.get("/reports").status()).isEqualTo(401);
		}
		finally {
			node.close();
		}
		assertThat(file).as("removed when the service stops").doesNotExist();
	}

}
