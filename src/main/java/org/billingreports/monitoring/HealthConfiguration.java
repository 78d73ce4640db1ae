package org.billingreports.monitoring;

import java.io.IOException;
import java.nio.file.Files;

import org.springframework.boot.health.application.DiskSpaceHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import org.billingreports.kernel.ServiceProperties;


/**
 * The service's own part of {@code /actuator/health}: free space in {@code billing.data-dir}, where
 * billing files and uploads are written (database, mail and RabbitMQ checks are Boot's).
 */
@Configuration(proxyBeanMethods = false)
class HealthConfiguration {

	/** Below this, a large billing file or upload could fail half-written: the node reports DOWN. */
	private static final DataSize MIN_FREE = DataSize.ofMegabytes(100);

	@Bean
	DiskSpaceHealthIndicator diskSpaceHealthIndicator(ServiceProperties properties) throws IOException {
		// Created now, so that a new node's empty data folder is not taken for a missing disk.
		Files.createDirectories(properties.dataDir());
		return new DiskSpaceHealthIndicator(properties.dataDir().toFile(), MIN_FREE);
	}

}
