package org.billingreports.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Creates the first SystemAdministrator from {@code BILLING_ADMIN_USER} and
 * {@code BILLING_ADMIN_PASSWORD} when both are set and that user does not exist yet ({@code api.md}, Roles and tenants).
 * No credential exists otherwise, outside the demo profile. It runs before the web server starts, so
 * that no request is answered while the user it names does not exist yet.
 */
@Component
class AdministratorBootstrap implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(AdministratorBootstrap.class);

	private final UserRepository users;

	private final PasswordEncoder passwordEncoder;

	private final String username;

	private final String password;

	AdministratorBootstrap(UserRepository users, PasswordEncoder passwordEncoder,
			@Value("${BILLING_ADMIN_USER:}") String username, @Value("${BILLING_ADMIN_PASSWORD:}") String password) {
		this.users = users;
		this.passwordEncoder = passwordEncoder;
		this.username = username;
		this.password = password;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.username.isBlank() || this.password.isBlank() || this.users.exists(this.username)) {
			return;
		}
		this.users.create(this.username, this.passwordEncoder.encode(this.password), Role.SystemAdministrator, null,
				null);
		log.info("Created SystemAdministrator '{}' from BILLING_ADMIN_USER", this.username);
	}

}
