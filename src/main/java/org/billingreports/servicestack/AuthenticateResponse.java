package org.billingreports.servicestack;

import java.util.List;

/**
 * ServiceStack's {@code AuthenticateResponse}. {@code sessionId} is the id that keys the session (the
 * {@code ss-pid} cookie's value when remembered, else {@code ss-id}'s); {@code bearerToken} is the API
 * key that signed in, when one did.
 */
record AuthenticateResponse(String userId, String sessionId, String userName, String displayName,
		String bearerToken, List<String> roles, List<String> permissions) {
}
