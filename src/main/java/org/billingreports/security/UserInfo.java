package org.billingreports.security;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

/** A user as the API shows it: never its password, not even hashed. */
public record UserInfo(String id, String username, Role role, String accountId, String customerId,
		String dateCreated) {

	static UserInfo of(Caller user, OffsetDateTime createdAt) {
		return new UserInfo(user.userId(), user.getUsername(), user.role(), user.accountId(), user.customerId(),
				createdAt.toInstant().truncatedTo(ChronoUnit.SECONDS).toString());
	}

}
