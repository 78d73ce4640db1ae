package org.billingreports.servicestack;

import java.util.List;

/**
 * {@code GET /auth/status}, Evo Voice's own: who is signed in and to which accounts, as parallel
 * lists of ids and names ({@code evov auth login} picks its account from them).
 */
record AuthStatus(boolean isAuthenticated, String id, String userName, String name, String emailAddress,
		List<String> roles, List<String> accountIds, List<String> accountNames) {

	static final AuthStatus ANONYMOUS = new AuthStatus(false, null, null, null, null, null, null, null);

}
