package org.billingreports.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * One line when the demo is ready to use, with where and as whom: what a person who typed
 * {@code make run} looks for among the start-up logs.
 */
@Component
@Profile("demo")
class DemoReady {

	private static final Logger log = LoggerFactory.getLogger(DemoReady.class);

	@EventListener(ApplicationReadyEvent.class)
	void ready(ApplicationReadyEvent event) {
		Environment environment = event.getApplicationContext().getEnvironment();
		String port = environment.getProperty("local.server.port");
		if (port == null) {
			return; // the command line: no server to open
		}
		log.info("Ready: http://localhost:{}/ (users admin/admin-demo, manager/manager-demo, customer/customer-demo; "
				+ "data in {}) after {} s", port, environment.getProperty("billing.data-dir"),
				String.format("%.1f", event.getTimeTaken().toMillis() / 1000.0));
	}

}
