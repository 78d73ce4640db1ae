package org.billingreports.operations;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import org.billingreports.BillingReportsApplication;
import org.billingreports.security.UserRepository;
import org.billingreports.support.ApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No request is answered before the users it may name exist: the bootstrap administrator and the
 * demo users are there when the web server starts listening, so a client that calls with its
 * credentials from the first moment never gets the 401s that would lock it out.
 */
class StartupTest {

	@Test
	void theUsersExistWhenThePortOpens() {
		List<String> missingWhenListening = new ArrayList<>();
		ApplicationListener<WebServerInitializedEvent> listening = event -> {
			UserRepository users = event.getApplicationContext().getBean(UserRepository.class);
			for (String user : List.of(ApiTestSupport.ADMIN, "admin", "manager", "customer")) {
				if (!users.exists(user)) {
					missingWhenListening.add(user);
				}
			}
		};
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BillingReportsApplication.class)
			.profiles("test", "demo")
			.listeners(listening)
			.run("--server.port=0")) {
			assertThat(context.getBean(UserRepository.class).exists("manager")).isTrue();
		}
		assertThat(missingWhenListening).as("users missing when the port opened").isEmpty();
	}

}
